public import Foundation

/// What one reload (SIGHUP) did: the new set is active, or it was refused and the old one stays.
public enum ReloadOutcome: Sendable, Equatable {
    /// The new crier.yml, templates and schedules are active.
    case reloaded(templates: Int, schedules: Int, active: Int)
    /// The new set was refused for these reasons; the running set is unchanged.
    case refused(reasons: [String])
}

/// The last reload's outcome and when it happened, for `/metrics`.
public struct ReloadRecord: Sendable, Equatable {
    /// Whether it was applied.
    public var succeeded: Bool
    /// When it was attempted.
    public var at: Date
    /// When the running set was last loaded (at start, or by the last successful reload).
    public var activeSince: Date
}
