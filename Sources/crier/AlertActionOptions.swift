import ArgumentParser
import CrierCore
import CrierRuntime
import Foundation

/// Options every alert action takes: who the operator is, and the output format.
struct OperatorOptions: ParsableArguments {
    @Option(name: .customLong("operator"), help: "Who you are (default: $CRIER_OPERATOR, else the login user).")
    var operatorName: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    /// The operator's name, as the audit log records it.
    func actor() throws -> String { try Operator.current(operatorName) }

    /// Where the text an operator reads before deciding goes: standard error when standard output is JSON.
    var report: @Sendable (String) -> Void {
        if format == .json { return { standardError($0) } }
        return { standardOutput($0) }
    }
}

/// `--yes`: for scripts, where nobody can type a confirmation word.
struct ConfirmOptions: ParsableArguments {
    @Flag(name: .long, help: "Do not ask for confirmation (for scripts).")
    var yes = false
}

/// `--wait` and `--timeout`: deliver in this process and follow an alert to the end.
struct FollowOptions: ParsableArguments {
    @Flag(name: .long, help: "Deliver in this process and follow progress until everything is delivered or dead.")
    var wait = false

    @Option(name: .long, help: "With --wait, stop following after this long (e.g. 10m) and exit 3.")
    var timeout: String?

    /// `--timeout` in seconds, nil without it; refused without `--wait` or when not a positive duration.
    func timeoutSeconds() throws -> TimeInterval? {
        guard let timeout else { return nil }
        guard wait else { throw UsageError("--timeout: only with --wait") }
        let seconds: TimeInterval
        do {
            seconds = try DurationText.seconds(timeout, field: "--timeout")
        } catch {
            throw UsageError("\(error)")
        }
        guard seconds > 0 else { throw UsageError("--timeout: give a duration greater than zero (e.g. 10m)") }
        return seconds
    }

    /// Ends an alert action: follows message `id` when `--wait` was given (and there is something to
    /// follow), prints `result` when the format is JSON, then exits with `--wait`'s documented status.
    func finish(
        following id: String?, desk: AlertDesk, options: OperatorOptions, timeout: TimeInterval?,
        result: () throws -> some Encodable
    ) async throws {
        var end: FollowEnd?
        if wait, let id {
            end = try await follow(desk: desk, id: id, format: options.format, timeout: timeout)
        }
        if options.format == .json { try printJSON(try result()) }
        if let end, let id { try exitAfterFollowing(end, id: id) }
    }
}

extension GlobalOptions {
    /// Bootstraps logging and opens the alert desk over the configured system.
    func openAlertDesk() throws -> AlertDesk {
        bootstrapLogging()
        return try AlertDesk(system: try open())
    }
}

/// Before an approval or an update: with `--wait`, refuses (exit 2, nothing committed) an alert
/// whose recipients this process could not deliver to; then shows alert `id` as it will be sent.
func showForReview(id: String, desk: AlertDesk, follow: FollowOptions, options: OperatorOptions) throws -> AlertReport {
    if follow.wait { try desk.system.refuseUndeliverable(messageID: id) }
    let review = try desk.show(id: id)
    options.report(review.text(zone: desk.system.configuration.timeZone))
    return review
}

/// The options of an action the operator confirms and may follow to the end: alert, approve, update.
struct ConfirmedActionOptions: ParsableArguments {
    @OptionGroup var options: OperatorOptions

    @OptionGroup var confirmation: ConfirmOptions

    @OptionGroup var following: FollowOptions
}
