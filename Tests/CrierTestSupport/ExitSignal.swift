import Foundation
import Synchronization

/// Fires once (when a child process ends) and runs every callback registered before or after.
final class ExitSignal: Sendable {
    private let state = Mutex<(fired: Bool, callbacks: [@Sendable () -> Void])>((false, []))

    /// Marks the signal fired and runs the callbacks waiting for it.
    func fire() {
        let callbacks = state.withLock { state in
            state.fired = true
            defer { state.callbacks = [] }
            return state.callbacks
        }
        for callback in callbacks { callback() }
    }

    /// Runs `callback` once the signal fires (at once if it has).
    func whenFired(_ callback: @escaping @Sendable () -> Void) {
        let fired = state.withLock { state in
            if !state.fired { state.callbacks.append(callback) }
            return state.fired
        }
        if fired { callback() }
    }
}

/// Resumes a continuation with the first value given; later ones are ignored.
final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ value: Value) {
        continuation.withLock { pending in
            defer { pending = nil }
            return pending
        }?.resume(returning: value)
    }
}
