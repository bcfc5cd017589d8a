/// An alert's state as operators read it, derived from its message state and its deliveries.
public enum AlertState {
    public static let awaitingApproval = "awaiting approval"
    public static let sending = "sending"
    public static let sent = "sent"
    public static let cancelled = "cancelled"
    public static let rejected = "rejected"
    /// Proposed, never approved, and past its expiry.
    public static let expired = "expired"
}
