import CrierCore
import Metrics

/// The dispatcher's events as swift-metrics counters: `crier_delivery_attempts_total{channel,
/// outcome}`, outcome being the class the state machine chose (`delivered`, `retry`, `dead`,
/// `disabled` when the answer also disabled the endpoint).
enum DispatchMetrics {
    /// Counts one answered attempt.
    static func attempt(_ action: DeliveryStateMachine.Action, channel: Channel) {
        let outcome =
            switch action {
            case .markDelivered: "delivered"
            case .scheduleRetry: "retry"
            case .deadLetter: "dead"
            case .deadLetterAndDisableEndpoint: "disabled"
            }
        Counter(
            label: "crier_delivery_attempts_total", dimensions: [("channel", channel.rawValue), ("outcome", outcome)]
        )
        .increment()
    }
}
