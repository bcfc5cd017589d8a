public import Foundation

/// A throwaway installation folder: crier.yml over the shipped templates, a `schedules/` folder
/// and a database under `var/`, so each end-to-end suite writes only what it is about.
public struct InstallationFolder: Sendable {
    /// The installation's folder (removed by `remove()`).
    public let directory: URL
    /// Its crier.yml.
    public let config: URL

    /// Makes a fresh folder named after `prefix` with an empty `schedules/` and a crier.yml that
    /// names `var/crier.sqlite`, the shipped templates and `schedules`, followed by `body`.
    public init(prefix: String, _ body: String) throws {
        directory = try TestPaths.makeTemporaryDirectory(prefix: prefix)
        config = directory.appendingPathComponent("crier.yml")
        try FileManager.default.createDirectory(at: schedules, withIntermediateDirectories: true)
        try """
        database: var/crier.sqlite
        templates: \(TestPaths.repositoryRoot.appendingPathComponent("templates").path)
        schedules: schedules
        \(body)
        """.write(to: config, atomically: true, encoding: .utf8)
    }

    /// The schedules folder.
    public var schedules: URL { directory.appendingPathComponent("schedules") }

    /// The SQLite database file crier.yml names.
    public var databasePath: String { directory.appendingPathComponent("var/crier.sqlite").path }

    /// A launcher of the binary for this installation.
    public var crier: CrierBinary { CrierBinary(config: config) }

    /// Deletes the folder.
    public func remove() { try? FileManager.default.removeItem(at: directory) }
}
