import CrierCore
import CrierRuntime
import Foundation
import Logging
import Synchronization

/// How following an alert with `--wait` ended.
enum FollowEnd: Equatable {
    /// Nothing left to send: every delivery is delivered or dead (`dead` of them).
    case settled(dead: Int)
    /// Committed, but held until a second operator approves it: nothing was sent.
    case awaitingApproval
    /// Stopped before the end (a signal, `--timeout`, or no usable transport here), saying why.
    case stopped(String)
}

/// Delivers in this process (beside any running daemon: leases keep them apart) until alert `id`
/// has nothing left to send, a signal or `timeout` stops it, showing progress on standard error.
///
/// Stopping shuts the dispatcher's service group down gracefully: it finishes what is in flight;
/// after a short grace, transfers still on the wire are cancelled (they are retried later under
/// the same idempotency key).
func follow(desk: AlertDesk, id: String, format: OutputFormat, timeout: TimeInterval?) async throws -> FollowEnd {
    let say = format == .json ? standardError : standardOutput
    let first = try desk.progress(id: id)
    if first.state == AlertPhase.awaitingApproval.rawValue {
        say("alert \(id) is awaiting approval: nothing is sent until a second operator runs `crier approve \(id)`")
        return .awaitingApproval
    }
    let services: CrierServices
    do {
        // Transfers still on the wire two seconds after stopping are cancelled (retried later
        // under the same idempotency key).
        services = try desk.system.makeServices(
            scheduler: nil, library: desk.composer.library, shutdownGrace: .seconds(2),
            logger: Logger(label: "crier.dispatch"))
    } catch let problem as SystemSetupError {
        return .stopped("this process cannot deliver: \(problem)")
    }
    let run = FollowRun()
    let delivering = Task {
        defer { run.markEnded() }
        return try await services.run()
    }
    let display = StatusLine.shared
    let zone = desk.system.configuration.timeZone
    let deadline = timeout.map { Date().addingTimeInterval($0) }
    while true {
        let progress = try desk.progress(id: id)
        display.show(
            ProgressLine.text(try desk.system.deliveryProgress(messageID: id), zone: zone, bar: display.isTerminal))
        if progress.isSettled || services.stopSignal != nil || run.hasEnded { break }
        if let deadline, Date() >= deadline {
            run.stop(because: "--timeout of \(Int(timeout ?? 0)) s passed")
            break
        }
        try await Task.sleep(for: .milliseconds(200))
    }
    if let signal = services.stopSignal { run.stop(because: "interrupted by \(signal)") }
    await services.shutDownGracefully()
    var failure: String?
    do {
        _ = try await delivering.value
    } catch is CancellationError {
    } catch {
        failure = "delivery stopped: \(error)"
    }
    let last = try desk.progress(id: id)
    display.show(
        ProgressLine.text(try desk.system.deliveryProgress(messageID: id), zone: zone, bar: display.isTerminal),
        force: true)
    display.finish()
    say("alert \(id): \(last.state)")
    if last.isSettled { return .settled(dead: last.dead) }
    return .stopped(run.reason ?? failure ?? "delivery stopped")
}

/// Ends a `--wait` command with its documented exit status: 0 all delivered, 1 some deliveries
/// dead, 3 committed but not followed to the end.
func exitAfterFollowing(_ end: FollowEnd, id: String) throws {
    switch end {
    case .settled(let dead) where dead > 0:
        throw CommandFailure(
            message: "alert \(id): \(dead) deliveries failed for good (see `crier alerts show \(id)`)",
            isBadInput: false)
    case .settled:
        return
    case .awaitingApproval:
        throw NotFollowed(message: "alert \(id) is committed and awaits a second operator's `crier approve \(id)`")
    case .stopped(let why):
        throw NotFollowed(
            message: "alert \(id) is committed but was not followed to the end (\(why)); "
                + "`crier run` delivers the rest (see `crier alerts show \(id)`)")
    }
}

/// Why a follow stopped early, and whether the dispatcher has returned: shared with the signal handler.
final class FollowRun: Sendable {
    private let why = Mutex<String?>(nil)
    private let ended = Atomic<Bool>(false)

    /// Records the first reason to stop.
    func stop(because reason: String) { why.withLock { $0 = $0 ?? reason } }

    /// The first reason given to stop, if any.
    var reason: String? { why.withLock { $0 } }

    /// Marks the dispatcher as returned.
    func markEnded() { ended.store(true, ordering: .releasing) }

    /// Whether the dispatcher has returned.
    var hasEnded: Bool { ended.load(ordering: .acquiring) }
}

/// Committed, but not followed to the end: exit 3, so a script knows not to send it again.
struct NotFollowed: Error {
    let message: String
}

/// What `--help` says about `--wait`'s exit status.
let waitExitStatusHelp = """
    Exit status with --wait: 0 everything delivered; 1 some deliveries failed for good; 2 bad usage \
    or bad input (nothing was committed); 3 committed but not followed to the end (interrupted, \
    --timeout passed, awaiting approval, or this process cannot deliver): do not send it again, \
    `crier run` delivers the rest. The id is printed first either way.
    """
