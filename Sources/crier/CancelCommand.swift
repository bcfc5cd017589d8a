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

    @OptionGroup var options: OperatorOptions

    @OptionGroup var following: FollowOptions

    func run() async throws {
        let desk = try global.openAlertDesk()
        let followFor = try following.timeoutSeconds()
        let outcome = try await desk.cancel(id: id, operatorName: try options.actor(), reason: reason)
        if options.format == .text {
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
        // Only a notice someone will receive is followed.
        let notice = outcome.notice.flatMap { $0.deliveries > 0 ? $0.id : nil }
        try await following.finish(following: notice, desk: desk, options: options, timeout: followFor) { outcome }
    }
}
