import ArgumentParser
import CrierCore
import CrierRuntime
import Foundation

/// `crier audit`: who did what, and when.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "Print the audit log: every proposal, approval, rejection, send, cancel and update, with who and when."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Only entries this recent: a duration (e.g. 24h) or an ISO 8601 time.")
    var since: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let system = try global.open()
        let entries = try AuditDesk(system: system).entries(since: try sinceDate())
        switch format {
        case .json:
            try printJSON(entries)
        case .text:
            if entries.isEmpty { print("no audit entries") }
            for entry in entries {
                let fields = [
                    entry.actor + (entry.osUser.map { " [\($0)]" } ?? ""), entry.action, entry.subject, entry.detail,
                ]
                print(
                    ([stamp(entry.at, system.configuration.timeZone)] + fields.map(InputText.terminalSafe))
                        .joined(separator: "\t"))
            }
        }
    }

    private func sinceDate() throws -> Date? {
        guard let since else { return nil }
        if let seconds = try? DurationText.seconds(since, field: "--since") {
            return Date().addingTimeInterval(-seconds)
        }
        let parser = ISO8601DateFormatter()
        if let date = parser.date(from: since) { return date }
        parser.formatOptions = [.withFullDate]
        if let date = parser.date(from: since) { return date }
        throw UsageError(
            "--since \"\(since)\": give a duration such as 24h or a time such as 2026-11-26T16:40:00+00:00")
    }
}
