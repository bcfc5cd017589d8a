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

    @OptionGroup var options: OperatorOptions

    func run() async throws {
        let desk = try global.openAlertDesk()
        let outcome = try desk.reject(id: id, operatorName: try options.actor(), reason: reason)
        if options.format == .json { try printJSON(outcome) } else { print("alert \(id) rejected: nothing was sent") }
    }
}
