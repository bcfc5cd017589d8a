import CrierCore
public import Foundation

/// One alert and the updates and cancellation that followed it, oldest first.
public struct AlertThread: Sendable, Equatable {
    /// The messages of the thread, oldest first; the first is the original alert.
    public var alerts: [PublishableAlert]

    /// The newest message: what the alert says now.
    public var latest: PublishableAlert { alerts[alerts.count - 1] }
    /// The original alert.
    public var root: PublishableAlert { alerts[0] }
    /// True once a Cancel has been published.
    public var isCancelled: Bool { latest.message.kind == .cancel }

    /// Every area id any message of the thread targets.
    public var areaIDs: Set<String> { Set(alerts.flatMap(\.message.areas)) }

    /// Whether the thread concerns `areaID` (a message for `city` concerns every area).
    public func targets(_ areaID: String) -> Bool {
        let ids = areaIDs
        return ids.contains(Area.cityID) || ids.contains(areaID)
    }

    /// When the alert stops being current: the Cancel's time, else the latest `expires`, else `defaultValidity` after it was sent.
    public func end(defaultValidity: TimeInterval) -> Date {
        if isCancelled { return latest.message.createdAt }
        return latest.message.expiresAt ?? latest.message.createdAt.addingTimeInterval(defaultValidity)
    }
}
