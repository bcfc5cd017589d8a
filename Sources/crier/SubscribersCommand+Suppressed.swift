import ArgumentParser
import CrierRuntime
import Foundation

extension SubscribersCommand {
    /// `crier subscribers suppressed`: the addresses imports and sign-ups do not re-subscribe.
    struct Suppressed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List suppressed addresses: unsubscribed, forgotten (as a hash), bounced or complained.",
            discussion: """
                A suppressed address is not subscribed again by an import or a sign-up until the person \
                confirms a new sign-up themselves.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let list = try SubscriberDesk(system: try global.open()).suppressed()
            switch format {
            case .json:
                try printJSON(list)
            case .text:
                if list.isEmpty { print("no suppressed addresses") }
                for entry in list {
                    let day = entry.since.formatted(.iso8601.year().month().day())
                    let detail = entry.detail.isEmpty ? "" : "\t\(entry.detail)"
                    TerminalText.print("\(entry.email ?? entry.hash)\t\(entry.reason)\t\(day)\(detail)")
                }
            }
        }
    }
}
