public import CrierCore
public import Foundation

/// One alert and the updates and cancellation that followed it, oldest first.
public struct AlertThread: Sendable, Equatable {
    /// The messages of the thread, oldest first; the first is the original alert.
    public var alerts: [PublishableAlert]

    /// The newest message: what the alert says now.
    public var latest: PublishableAlert { alerts[alerts.count - 1] }
    /// The original alert.
    public var root: PublishableAlert { alerts[0] }
    /// True once the alert is cancelled: a Cancel was published, or the original's state says so
    /// (a cancel recorded before every cancellation carried a Cancel message).
    public var isCancelled: Bool { latest.message.kind == .cancel || root.message.state == .cancelled }

    /// The Cancel message, if one was published.
    public var cancel: PublishableAlert? { alerts.last { $0.message.kind == .cancel } }

    /// The newest message that says what to do (the original or its latest update), never the Cancel.
    public var latestAdvice: PublishableAlert { alerts.last { $0.message.kind != .cancel } ?? root }

    /// The alert's status (actual, exercise, test), as the original set it.
    public var status: AlertStatus { root.message.status }

    /// Every area id any message of the thread targets.
    public var areaIDs: Set<String> { Set(alerts.flatMap(\.message.areas)) }

    /// Whether the thread concerns `areaID` (a message for `city` concerns every area).
    public func targets(_ areaID: String) -> Bool {
        let ids = areaIDs
        return ids.contains(Area.cityID) || ids.contains(areaID)
    }

    /// When the alert stops being current: the Cancel's time, else the latest `expires`, else `defaultValidity` after it was sent.
    public func end(defaultValidity: TimeInterval) -> Date {
        if isCancelled { return cancel?.message.createdAt ?? latest.message.createdAt }
        return latest.message.expiresAt ?? latest.message.createdAt.addingTimeInterval(defaultValidity)
    }
}
