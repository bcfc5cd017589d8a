import ArgumentParser
import CrierRuntime
import Foundation

/// `crier reject`: discard an alert awaiting approval, so nothing of it is ever sent.
struct RejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Discard an alert awaiting approval."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The alert id (see `crier alerts list`).")
    var id: String

    @Option(name: .long, help: "Why it is rejected (recorded in the audit log).")
    var reason: String

    @Option(name: .customLong("operator"), help: "Who you are (default: $CRIER_OPERATOR, else the login user).")
    var operatorName: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let desk = try AlertDesk(system: try global.open())
        let outcome = try desk.reject(id: id, operatorName: try Operator.current(operatorName), reason: reason)
        if format == .json { try printJSON(outcome) } else { print("alert \(id) rejected: nothing was sent") }
    }
}
