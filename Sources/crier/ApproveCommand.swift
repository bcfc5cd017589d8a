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

    @OptionGroup var action: ConfirmedActionOptions

    func run() async throws {
        let desk = try global.openAlertDesk()
        let followFor = try action.following.timeoutSeconds()
        _ = try showForReview(id: id, desk: desk, follow: action.following, options: action.options)
        if !action.confirmation.yes { try askToType("APPROVE", toDo: "approve") }
        let outcome = try desk.approve(id: id, operatorName: try action.options.actor())
        if action.options.format == .text { print("alert \(id) approved: \(outcome.deliveries) deliveries released") }
        for warning in outcome.warnings { standardError("crier: warning: \(warning)") }
        try await action.following.finish(following: id, desk: desk, options: action.options, timeout: followFor) {
            outcome
        }
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
