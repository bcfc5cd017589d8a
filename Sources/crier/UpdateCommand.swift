import ArgumentParser
import CrierRuntime
import Foundation

/// `crier update`: send a correction of an alert to exactly its recipients.
struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Send a correction of an alert to exactly the original's recipients.",
        discussion: """
            The update uses the original's template and variables, with the ones given by --var \
            replaced, and references the original. It prints the alert as sent and each corrected \
            value, then on a terminal asks you to type UPDATE (--yes for scripts). An `actual` update \
            waits for a second operator like an alert.

            """ + waitExitStatusHelp
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The alert id (see `crier alerts list`).")
    var id: String

    @Option(name: .customLong("var"), help: "A corrected template variable as name=value (repeatable).")
    var variables: [String] = []

    @Option(name: .customLong("operator"), help: "Who you are (default: $CRIER_OPERATOR, else the login user).")
    var operatorName: String?

    @Flag(name: .long, help: "Do not ask for confirmation (for scripts).")
    var yes = false

    @Flag(name: .long, help: "Deliver in this process and follow progress until everything is delivered or dead.")
    var wait = false

    @Option(name: .long, help: "With --wait, stop following after this long (e.g. 10m) and exit 3.")
    var timeout: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        global.bootstrapLogging()
        let system = try global.open()
        let desk = try AlertDesk(system: system)
        let followFor = try followTimeout(timeout, wait: wait)
        if wait { try desk.system.refuseUndeliverable(messageID: id) }
        let corrections = try VariableArguments.parse(variables)
        let review = try desk.show(id: id)
        let report = format == .json ? standardError : standardOutput
        report(review.text(zone: system.configuration.timeZone))
        report("Corrections:")
        for name in corrections.keys.sorted() {
            let new: String = if case .text(let text) = corrections[name] { text } else { "(a list or flag)" }
            report("  \(name): \(review.content.variables[name] ?? "(not set)") -> \(new)")
        }
        if !yes { try askToType("UPDATE", toDo: "send the correction") }
        let outcome = try await desk.update(
            id: id, variables: corrections, operatorName: try Operator.current(operatorName))
        for warning in outcome.warnings { standardError("crier: warning: \(warning)") }
        if format == .text {
            print(outcome.id)
            print("update \(outcome.id) of \(id) \(outcome.state): \(outcome.deliveries) deliveries")
        }
        let end = wait ? try await follow(desk: desk, id: outcome.id, format: format, timeout: followFor) : nil
        if format == .json { try printJSON(outcome) }
        if let end { try exitAfterFollowing(end, id: outcome.id) }
    }
}
