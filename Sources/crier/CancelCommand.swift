import ArgumentParser
import CrierRuntime
import Foundation

/// `crier cancel`: withdraw an alert at once and tell everyone who received it that it is cancelled.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel an alert: withdraw what is unsent, send a cancellation notice to who received it.",
        discussion: """
            The notice uses the built-in alert-cancelled template, quotes the original headline and \
            the reason, and is urgent (ahead of all other work). Webhook payloads say msgType Cancel \
            and reference the original id. Cancelling is never refused for want of a transport here: \
            with --wait, a notice this process cannot deliver exits 3.

            """ + waitExitStatusHelp
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The alert id (see `crier alerts list`).")
    var id: String

    @Option(name: .long, help: "Why it is cancelled (quoted in the notice).")
    var reason: String

    @Option(name: .customLong("operator"), help: "Who you are (default: $CRIER_OPERATOR, else the login user).")
    var operatorName: String?

    @Flag(name: .long, help: "Deliver the notice in this process and follow it until delivered or dead.")
    var wait = false

    @Option(name: .long, help: "With --wait, stop following after this long (e.g. 10m) and exit 3.")
    var timeout: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        global.bootstrapLogging()
        let desk = try AlertDesk(system: try global.open())
        let followFor = try followTimeout(timeout, wait: wait)
        let outcome = try await desk.cancel(id: id, operatorName: try Operator.current(operatorName), reason: reason)
        if format == .text {
            print("alert \(id) cancelled: \(outcome.withdrawn) unsent deliveries withdrawn")
            if let notice = outcome.notice, notice.deliveries > 0 {
                print("cancellation notice \(notice.id): \(notice.deliveries) deliveries")
            } else if let notice = outcome.notice {
                print("nobody had received it, so no notice is sent; Cancel \(notice.id) is published")
            } else {
                print("it was never released, so nobody had it and nothing was published")
            }
        }
        for warning in outcome.warnings { standardError("crier: warning: \(warning)") }
        var end: FollowEnd?
        if wait, let notice = outcome.notice, notice.deliveries > 0 {
            end = try await follow(desk: desk, id: notice.id, format: format, timeout: followFor)
        }
        if format == .json { try printJSON(outcome) }
        if let end, let notice = outcome.notice { try exitAfterFollowing(end, id: notice.id) }
    }
}
