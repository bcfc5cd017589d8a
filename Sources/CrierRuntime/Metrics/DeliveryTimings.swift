import CrierCore
import CrierStore
import Foundation
import Metrics

/// What the alert timing histograms read from the store after outcomes are recorded.
protocol DeliveryProgressReads: Sendable {
    /// The progress of the messages that `deliveryIDs` belong to.
    func deliveryProgress(ofMessagesOf deliveryIDs: [Int64]) async throws -> [MessageDeliveryProgress]
}

extension SQLiteOutbox: DeliveryProgressReads {}

/// Observes how long alerts take to reach people, from the message's creation:
/// `crier_alert_first_delivery_seconds` when a message's first delivery is recorded and
/// `crier_alert_last_delivery_seconds` when its last open delivery finishes (if any was delivered).
///
/// It reads the store once per batch of recorded outcomes, off the dispatcher's loop, so the
/// figures hold whichever process delivered the message's other deliveries.
struct DeliveryTimings: Sendable {
    let store: any DeliveryProgressReads

    /// Looks at the messages of a batch of recorded results (in a task of its own).
    func recorded(_ results: [AttemptResult]) {
        let finished = results.filter { $0.action.resultingState != .pending }.map(\.deliveryID)
        guard !finished.isEmpty else { return }
        let store = self.store
        Task {
            guard let progress = try? await store.deliveryProgress(ofMessagesOf: finished) else { return }
            for message in progress {
                if message.delivered > 0, message.deliveredAmongAsked == message.delivered,
                    let first = message.firstDeliveredAt
                {
                    Self.observe("crier_alert_first_delivery_seconds", first.timeIntervalSince(message.createdAt))
                }
                if message.open == 0, let last = message.lastDeliveredAt {
                    Self.observe("crier_alert_last_delivery_seconds", last.timeIntervalSince(message.createdAt))
                }
            }
        }
    }

    private static func observe(_ label: String, _ seconds: TimeInterval) {
        Timer(label: label, preferredDisplayUnit: .seconds).recordNanoseconds(Int64(max(0, seconds) * 1_000_000_000))
    }
}
