import ArgumentParser
import CrierRuntime
import Foundation

/// `crier approve`: a second operator releases an alert awaiting approval.
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Release an alert awaiting approval (not one you proposed yourself).",
        discussion: waitExitStatusHelp
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The alert id (see `crier alerts list`).")
    var id: String

    @Option(name: .customLong("operator"), help: "Who you are (default: $CRIER_OPERATOR, else the login user).")
    var operatorName: String?

    @Flag(name: .long, help: "Deliver in this process and follow progress until everything is delivered or dead.")
    var wait = false

    @Option(name: .long, help: "With --wait, stop following after this long (e.g. 10m) and exit 3.")
    var timeout: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        global.bootstrapLogging()
        let desk = try AlertDesk(system: try global.open())
        let followFor = try followTimeout(timeout, wait: wait)
        if wait { try desk.system.refuseUndeliverable(messageID: id) }
        let outcome = try desk.approve(id: id, operatorName: Operator.current(operatorName))
        if format == .text { print("alert \(id) approved: \(outcome.deliveries) deliveries released") }
        let end = wait ? try await follow(desk: desk, id: id, format: format, timeout: followFor) : nil
        if format == .json { try printJSON(outcome) }
        if let end { try exitAfterFollowing(end, id: id) }
    }
}
