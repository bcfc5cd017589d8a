public import Foundation

/// What crier knows of a schedule id: when its scheduler first saw it, and since when it has been
/// enabled. Slots before `enabledSince` never fire and are never recorded as missed.
public struct ScheduleSighting: Sendable, Equatable {
    /// The schedule's id (its file name without `.yml`).
    public var scheduleID: String
    /// When a scheduler first saw this id.
    public var firstSeenAt: Date
    /// When it was first seen enabled, or seen enabled again after being seen disabled; nil while
    /// it is disabled.
    public var enabledSince: Date?

    /// A sighting from its parts.
    public init(scheduleID: String, firstSeenAt: Date, enabledSince: Date?) {
        self.scheduleID = scheduleID
        self.firstSeenAt = firstSeenAt
        self.enabledSince = enabledSince
    }
}
