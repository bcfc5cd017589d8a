/// How a message reaches its destination: a partner's webhook or an email inbox.
public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
    case email
    case webhook
}

/// How urgently a message must go: urgent alerts overtake all scheduled work.
public enum Priority: Int, Sendable, Hashable, Codable, Comparable {
    /// Operator alerts, cancellations and corrections.
    case urgent = 0
    /// Scheduled campaigns and bulletins.
    case normal = 1

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
}
