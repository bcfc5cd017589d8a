public import Foundation
import Synchronization

/// The source of "now", injected so tests can drive time (through DST changes) without sleeping.
public protocol Clock: Sendable {
    /// The current instant.
    func now() -> Date

    /// Suspends until this clock reads `deadline` or later; throws `CancellationError` if the task
    /// is cancelled first.
    func sleep(until deadline: Date) async throws
}

extension Clock {
    /// Sleeps for the time between now and `deadline` on the machine's monotonic clock.
    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSince(now())
        guard seconds > 0 else { return try Task.checkCancellation() }
        try await Task.sleep(for: .seconds(seconds))
    }
}

/// The machine's wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to; the test double for time.
///
/// `sleep(until:)` returns when `set` or `advance` moves the clock to the deadline, so code that
/// waits on its clock is tested by advancing it, never by sleeping.
public final class ManualClock: Clock {
    private struct State {
        var now: Date
        var nextSleeper = 0
        var sleepers: [Int: (deadline: Date, continuation: CheckedContinuation<Void, any Error>)] = [:]
    }

    private let state: Mutex<State>

    public init(_ start: Date) { state = Mutex(State(now: start)) }

    public func now() -> Date { state.withLock { $0.now } }

    /// Sets the clock to `date`, waking every sleeper whose deadline it reaches.
    public func set(_ date: Date) { move { $0 = date } }

    /// Moves the clock forward by `seconds`, waking every sleeper whose deadline it reaches.
    public func advance(by seconds: TimeInterval) { move { $0 += seconds } }

    /// How many tasks are waiting in `sleep(until:)`: tests wait for this before advancing.
    public var sleepers: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Date) async throws {
        let id = state.withLock { state in
            state.nextSleeper += 1
            return state.nextSleeper
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.now >= deadline { return .success(()) }
                    state.sleepers[id] = (deadline, continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    private func move(_ change: (inout Date) -> Void) {
        let woken = state.withLock { state in
            change(&state.now)
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers[id] = nil }
            return due.values.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }
}
