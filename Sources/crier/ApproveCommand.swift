import ArgumentParser
import CrierRuntime
import Foundation

/// `crier approve`: a second operator releases an alert awaiting approval, after reading it.
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Release an alert awaiting approval (not one you proposed yourself).",
        discussion: """
            Prints the alert as it will be sent (subject, text, languages, variables and audience), \
            then on a terminal asks you to type APPROVE. Without a terminal, --yes is required.

            """ + waitExitStatusHelp
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The alert id (see `crier alerts list`).")
    var id: String

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
        let review = try desk.show(id: id)
        let report = format == .json ? standardError : standardOutput
        report(review.text(zone: system.configuration.timeZone))
        if !yes { try askToType("APPROVE", toDo: "approve") }
        let outcome = try desk.approve(id: id, operatorName: try Operator.current(operatorName))
        if format == .text { print("alert \(id) approved: \(outcome.deliveries) deliveries released") }
        for warning in outcome.warnings { standardError("crier: warning: \(warning)") }
        let end = wait ? try await follow(desk: desk, id: id, format: format, timeout: followFor) : nil
        if format == .json { try printJSON(outcome) }
        if let end { try exitAfterFollowing(end, id: id) }
    }
}

/// Asks the operator to type `word` before going on; refuses when nobody is at a terminal.
func askToType(_ word: String, toDo action: String) throws {
    guard isatty(0) != 0 else {
        throw CommandFailure(
            message: "not a terminal, so nobody can confirm: nothing was done (add --yes in scripts to \(action))",
            isBadInput: true)
    }
    FileHandle.standardOutput.write(Data("Type \(word) to \(action): ".utf8))
    let answer = readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
    guard answer == word else {
        throw CommandFailure(message: "not confirmed (\"\(answer)\"): nothing was done", isBadInput: true)
    }
}
