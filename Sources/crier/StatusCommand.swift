import ArgumentParser
import CrierRuntime
import Foundation

/// `crier status`: what the outbox holds and what needs attention.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show deliveries by state, the oldest pending, dead letters and disabled endpoints."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let status = try StatusDesk(system: try global.open()).report()
        switch format {
        case .json:
            try printJSON(status)
        case .text:
            print(status.textReport())
        }
    }
}
