/// What one attempt to deliver a message achieved, as a transport reports it.
///
/// The mapping from protocol answers to outcomes is DESIGN.md's table:
///
/// | answer | outcome |
/// |---|---|
/// | HTTP 2xx, SMTP 250 | `delivered` |
/// | HTTP 408, 429, 5xx, timeout, connection failure, SMTP 4xx | `retry` (honouring `Retry-After`) |
/// | HTTP 410 | `endpointGone` (permanent; endpoint disabled) |
/// | HTTP 3xx (never followed), other 4xx, SMTP 5xx | `permanent` (dead letter) |
public enum DeliveryOutcome: Sendable, Equatable {
    /// The endpoint accepted the message; `detail` is its answer (status line, queue id).
    case delivered(detail: String)
    /// A temporary failure; try again later, no sooner than `retryAfter` seconds if given.
    case retry(reason: String, retryAfter: Double?)
    /// The endpoint refused the message for good: a dead letter.
    case permanent(reason: String)
    /// The endpoint says it no longer exists (HTTP 410): dead letter, and the endpoint is disabled.
    case endpointGone(reason: String)

    /// A one-word name for logs, the attempts table and JSON output.
    public var kind: String {
        switch self {
        case .delivered: "delivered"
        case .retry: "retry"
        case .permanent: "permanent"
        case .endpointGone: "gone"
        }
    }

    /// The human-readable part: the endpoint's answer or the failure's cause.
    public var detail: String {
        switch self {
        case .delivered(let detail): detail
        case .retry(let reason, _): reason
        case .permanent(let reason): reason
        case .endpointGone(let reason): reason
        }
    }
}
