public import CrierTemplates
import Foundation
import Synchronization

/// The template library and schedule catalog of one `CrierSystem`, each loaded at most once (and
/// replaced together by a successful reload).
///
/// A failure is kept too: asking again reports the same problem without reading the folder again.
struct LoadedInputs: Sendable {
    var templates: Result<TemplateLibrary, any Error>?
    var schedules: ScheduleCatalog?
    /// The last SIGHUP reload, if any (`CrierSystem.reload`).
    var lastReload: ReloadRecord?
}

extension CrierSystem {
    /// The templates crier.yml points at, loaded on first use and shared by every desk and service.
    public func templates() throws -> TemplateLibrary {
        if let known = loaded.withLock({ $0.templates }) { return try known.get() }
        let result = Result { try Self.loadTemplates(for: configuration) }
        // Two first callers may both load; the first stored result wins, so all see one library.
        return try loaded.withLock { inputs in
            if inputs.templates == nil { inputs.templates = result }
            return inputs.templates ?? result
        }.get()
    }

    /// The schedules in the configured folder, checked against the templates, loaded on first use.
    ///
    /// Invalid files are in the catalog's `problems`; only unreadable templates throw.
    public func scheduleCatalog() throws -> ScheduleCatalog {
        if let known = loaded.withLock({ $0.schedules }) { return known }
        let catalog = ScheduleLoader.load(
            directory: configuration.schedulesDirectory, configuration: configuration, library: try templates())
        return loaded.withLock { inputs in
            if inputs.schedules == nil { inputs.schedules = catalog }
            return inputs.schedules ?? catalog
        }
    }

    /// Reads the template folder `configuration` names; fails naming the file when it is missing.
    static func loadTemplates(for configuration: CrierConfiguration) throws -> TemplateLibrary {
        let folder = configuration.templatesDirectory
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CompositionError.templatesFolderMissing(
                configurationFile: configuration.file.lastPathComponent, folder: folder.path)
        }
        do {
            return try TemplateLibrary.load(from: configuration.templatesDirectory, topics: Set(configuration.topics))
        } catch let error as TemplateError {
            throw CompositionError.templates(error)
        }
    }
}
