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

    @OptionGroup var action: ConfirmedActionOptions

    func run() async throws {
        let desk = try global.openAlertDesk()
        let followFor = try action.following.timeoutSeconds()
        let corrections = try VariableArguments.parse(variables)
        let review = try showForReview(id: id, desk: desk, follow: action.following, options: action.options)
        let report = action.options.report
        report("Corrections:")
        for name in corrections.keys.sorted() {
            let new = VariableArguments.display(corrections[name])
            report("  \(name): \(review.content.variables[name] ?? "(not set)") -> \(new)")
        }
        if !action.confirmation.yes { try askToType("UPDATE", toDo: "send the correction") }
        let outcome = try await desk.update(id: id, variables: corrections, operatorName: try action.options.actor())
        for warning in outcome.warnings { standardError("crier: warning: \(warning)") }
        if action.options.format == .text {
            print(outcome.id)
            print("update \(outcome.id) of \(id) \(outcome.state): \(outcome.deliveries) deliveries")
        }
        try await action.following.finish(
            following: outcome.id, desk: desk, options: action.options, timeout: followFor
        ) {
            outcome
        }
    }
}
