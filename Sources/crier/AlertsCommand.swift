import ArgumentParser
import CrierCore
import CrierRuntime
import Foundation

/// `crier alerts`: what alerts there are and where each stands.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List alerts or show one in detail.",
        subcommands: [List.self, Show.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List alerts, updates and cancellations, newest first.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "At most this many.")
        var limit: Int = 50

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let desk = try AlertDesk(system: try global.open())
            let alerts = try desk.list(limit: limit)
            switch format {
            case .json:
                try printJSON(alerts)
            case .text:
                if alerts.isEmpty { print("no alerts") }
                for alert in alerts { TerminalText.print(alert.line) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one alert: state, counts per channel, timeline.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The alert id.")
        var id: String

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let system = try global.open()
            let desk = try AlertDesk(system: system)
            let report = try desk.show(id: id)
            switch format {
            case .json:
                try printJSON(report)
            case .text:
                print(report.text(zone: system.configuration.timeZone))
            }
        }
    }
}

extension AlertSummary {
    /// One line for `alerts list`.
    var line: String {
        let totals = totals
        var text =
            "\(id)\t\(kind)\t\(status)\t\(state)\tdelivered=\(totals.delivered) pending=\(totals.pending) dead=\(totals.dead)\t\(headline)"
        if let references { text += "\t(refers to \(references))" }
        return text
    }
}

extension AlertReport {
    /// The detail view for `alerts show`.
    func text(zone: TimeZone) -> String {
        var lines = [
            "Alert:      \(alert.id) (\(alert.kind))",
            "Headline:   \(alert.headline)",
            "Template:   \(template)",
            "Status:     \(alert.status)",
            "State:      \(alert.state)",
            "Areas:      \(alert.areas.joined(separator: ", "))",
            "Proposed:   \(stamp(alert.createdAt, zone)) by \(alert.proposedBy)",
        ]
        if let expires = alert.expiresAt { lines.append("Expires:    \(stamp(expires, zone))") }
        if let references = alert.references { lines.append("Refers to:  \(references)") }
        lines.append("Subject:    \(content.subject)")
        lines.append("Languages:  \(content.locales.joined(separator: ", "))")
        lines.append("Variables:")
        for name in content.variables.keys.sorted() { lines.append("  \(name) = \(content.variables[name] ?? "")") }
        lines.append("Text as sent (email, \(content.locales.contains("en") ? "en" : content.locales.first ?? "en")):")
        lines.append(
            contentsOf: content.textBody.split(separator: "\n", omittingEmptySubsequences: false).map { "  | \($0)" })
        lines.append("Audience (deliveries per channel):")
        if alert.channels.isEmpty { lines.append("  none") }
        for counts in alert.channels {
            lines.append(
                "  \(counts.channel): \(counts.delivered) delivered, \(counts.pending) pending, \(counts.dead) dead, \(counts.withdrawn) withdrawn"
            )
        }
        if !related.isEmpty {
            lines.append("Related:")
            for other in related { lines.append("  \(other.line)") }
        }
        lines.append("Timeline:")
        for entry in timeline {
            lines.append(
                "  \(stamp(entry.at, zone))  \(entry.action)  by \(entry.actor)  \(entry.subject)  \(entry.detail)")
        }
        return lines.map(TerminalText.line).joined(separator: "\n")
    }
}

/// `2026-11-26 16:40:05 +00:00` in `zone`.
func stamp(_ date: Date, _ zone: TimeZone) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = zone
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xxx"
    return formatter.string(from: date)
}
