import ArgumentParser
import CrierRuntime
import Foundation

/// `crier publish`: the public face of the alerts: CAP files, Atom feeds and an HTML page per area.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write CAP 1.2 files, Atom feeds and accessible HTML pages for the city and each area.",
        discussion: """
            Every file is written atomically (no reader sees a half-written file) and only when its \
            content changes, so running it again is harmless. `crier run` republishes after sending \
            when crier.yml sets publish.dir.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The folder to write (default: publish.dir from crier.yml).")
    var out: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let system = try global.open()
        guard let folder = out.map({ URL(fileURLWithPath: $0) }) ?? system.configuration.publishDirectory else {
            throw UsageError("give --out DIR, or set publish.dir in crier.yml")
        }
        let report = try system.publish(to: folder)
        switch format {
        case .json:
            try printJSON(
                PublishSummary(
                    folder: folder.path, written: report.written, unchanged: report.unchanged, skipped: report.skipped))
        case .text:
            print("published to \(folder.path): \(report.written.count) files written, \(report.unchanged) unchanged")
            for path in report.written { print("  wrote \(path)") }
            for (id, reason) in report.skipped.sorted(by: { $0.key < $1.key }) { print("  skipped \(id): \(reason)") }
        }
    }

    struct PublishSummary: Encodable {
        let folder: String
        let written: [String]
        let unchanged: Int
        let skipped: [String: String]
    }
}
