import CrierCore
public import Foundation
internal import Mustache

/// Every template of a `templates/` folder, loaded, checked and compiled once, ready to render strictly.
public struct TemplateLibrary: Sendable {
    /// The partnership's topics, used when the caller does not pass the configured list.
    public static let standardTopics = Set(BuiltInTopic.standard)

    struct SourceFile: Sendable {
        var path: String
        var source: String
        var tags: [ScannedTag]
    }

    struct PartKey: Sendable, Hashable {
        var kind: PartKind
        var locale: String
    }

    struct LoadedTemplate: Sendable {
        var metadata: TemplateMetadata
        var parts: [PartKey: SourceFile]
        var compiled: [PartKey: MustacheTemplate]
        var otherFiles: [String]
    }

    struct Partial: Sendable {
        var name: String
        /// `nil` for a partial every part kind may use (`name.mustache`).
        var kind: PartKind?
        /// `nil` for the default (English) wording.
        var locale: String?
        var file: SourceFile
    }

    var templatesByID: [String: LoadedTemplate]
    var partials: [Partial]
    var partialFileProblems: [TemplateProblem]
    /// One Mustache library of partials per (part kind, locale).
    var libraries: [PartKey: MustacheLibrary]
    var problems: [TemplateProblem]
    /// Names each resolved part file uses (directly or through partials), per template, kind and locale.
    var usedNames: [String: [PartKey: Set<String>]]

    /// The metadata of every loaded template, sorted by id.
    public var templates: [TemplateMetadata] {
        templatesByID.values.map(\.metadata).filter { $0.kind == .alert }.sorted { $0.id < $1.id }
    }

    /// The metadata of one alert template, or `nil` when no alert template has that id (notices
    /// are not alerts: nothing that composes alerts can name them).
    public func metadata(for id: String) -> TemplateMetadata? {
        guard let metadata = templatesByID[id]?.metadata, metadata.kind == .alert else { return nil }
        return metadata
    }

    /// The metadata of one notice template (`kind: notice`), or `nil` when there is none with that id.
    public func noticeMetadata(for id: String) -> TemplateMetadata? {
        guard let metadata = templatesByID[id]?.metadata, metadata.kind == .notice else { return nil }
        return metadata
    }

    /// Every problem found at load time: errors first, then warnings, each naming template, file, line and name.
    public func check() -> [TemplateProblem] {
        problems
    }

    /// Loads every template folder under `folder` (and shared partials in `_partials/`), failing on bad metadata.
    /// The built-in topics (`bulletin`) are accepted whatever `topics` holds.
    public static func load(from folder: URL, topics: Set<String> = standardTopics) throws -> TemplateLibrary {
        let topics = topics.union([BuiltInTopic.bulletin])
        let fileManager = FileManager.default
        let entries: [String]
        do {
            entries = try fileManager.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw TemplateError.unreadable(file: folder.lastPathComponent, reason: error.localizedDescription)
        }

        var partials: [Partial] = []
        var partialProblems: [TemplateProblem] = []
        var templates: [String: LoadedTemplate] = [:]

        for entry in entries where !entry.hasPrefix(".") {
            let url = folder.appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            if entry == "_partials" {
                (partials, partialProblems) = try loadPartials(url)
            } else {
                templates[entry] = try loadTemplate(url, id: entry, topics: topics)
            }
        }

        var library = TemplateLibrary(
            templatesByID: templates, partials: partials, partialFileProblems: partialProblems, libraries: [:],
            problems: [], usedNames: [:])
        library.buildPartialLibraries()
        library.runChecks()
        return library
    }

    private static func read(_ url: URL, path: String) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TemplateError.unreadable(file: path, reason: error.localizedDescription)
        }
    }

    private static func loadPartials(_ folder: URL) throws -> ([Partial], [TemplateProblem]) {
        var partials: [Partial] = []
        var problems: [TemplateProblem] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") && name != "README.md" {
            let path = "_partials/\(name)"
            let components = name.split(separator: ".").map(String.init)
            guard components.count >= 2, components.count <= 4, components.last == "mustache" else {
                problems.append(
                    TemplateProblem(
                        severity: .error, template: "_partials", file: path,
                        message:
                            "unexpected file; partials are named NAME.mustache, NAME.KIND.mustache or NAME.KIND.LOCALE.mustache"
                    ))
                continue
            }
            var kind: PartKind?
            if components.count >= 3 {
                guard let parsed = PartKind(rawValue: components[1]) else {
                    problems.append(
                        TemplateProblem(
                            severity: .error, template: "_partials", file: path, name: components[1],
                            message: "unknown part kind '\(components[1])'; use subject, text, html or webhook"))
                    continue
                }
                kind = parsed
            }
            let source = try read(folder.appendingPathComponent(name), path: path)
            partials.append(
                Partial(
                    name: components[0], kind: kind, locale: components.count == 4 ? components[2] : nil,
                    file: SourceFile(path: path, source: source, tags: TagScanner.scan(source))))
        }
        return (partials, problems)
    }

    private static func loadTemplate(_ folder: URL, id: String, topics: Set<String>) throws -> LoadedTemplate {
        let metadataPath = "\(id)/template.yml"
        let metadataURL = folder.appendingPathComponent("template.yml")
        guard FileManager.default.fileExists(atPath: metadataURL.path) else {
            throw TemplateError.metadata(
                file: metadataPath, line: nil, key: nil,
                reason: "missing; every template folder needs a template.yml")
        }
        let metadata = try TemplateMetadata.parse(
            yaml: try read(metadataURL, path: metadataPath), file: metadataPath, folderName: id, topics: topics)

        var parts: [PartKey: SourceFile] = [:]
        var compiled: [PartKey: MustacheTemplate] = [:]
        var otherFiles: [String] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") && name != "template.yml" && name != "README.md" {
            let components = name.split(separator: ".").map(String.init)
            guard components.count == 3, components[2] == "mustache", let kind = PartKind(rawValue: components[0])
            else {
                otherFiles.append(name)
                continue
            }
            let path = "\(id)/\(name)"
            let source = try read(folder.appendingPathComponent(name), path: path)
            let key = PartKey(kind: kind, locale: components[1])
            parts[key] = SourceFile(path: path, source: source, tags: TagScanner.scan(source))
            if let template = try? MustacheTemplate(string: kind.compilePrefix + source) {
                compiled[key] = template
            }
        }
        return LoadedTemplate(metadata: metadata, parts: parts, compiled: compiled, otherFiles: otherFiles)
    }

    /// The partial a part of `kind` in `locale` gets for `name`: locale wording first, then the default.
    func partial(named name: String, kind: PartKind, locale: String) -> Partial? {
        let chain = LocaleChain.candidates(for: locale)
        for candidate in chain {
            if let found = partials.first(where: { $0.name == name && $0.kind == kind && $0.locale == candidate }) {
                return found
            }
        }
        return partials.first { $0.name == name && $0.kind == kind && $0.locale == nil }
            ?? partials.first { $0.name == name && $0.kind == nil && $0.locale == nil }
    }

    private mutating func buildPartialLibraries() {
        var locales: Set<String> = ["en"]
        for template in templatesByID.values {
            locales.formUnion(template.metadata.locales)
        }
        locales.formUnion(partials.compactMap(\.locale))
        let names = Set(partials.map(\.name))
        for kind in PartKind.allCases {
            for locale in locales {
                var library = MustacheLibrary()
                for name in names {
                    guard let partial = partial(named: name, kind: kind, locale: locale),
                        let template = try? MustacheTemplate(string: kind.compilePrefix + partial.file.source)
                    else { continue }
                    library.register(template, named: name)
                }
                libraries[PartKey(kind: kind, locale: locale)] = library
            }
        }
    }
}
