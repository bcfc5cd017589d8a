/// The seam between the dispatcher and the network: delivers one prepared message and says how it went.
///
/// Implementations never throw: every failure becomes a `DeliveryOutcome` the dispatcher can act on.
public protocol Transport: Sendable {
    /// Tries once to deliver `delivery`.
    func deliver(_ delivery: OutboundDelivery) async -> DeliveryOutcome
}
