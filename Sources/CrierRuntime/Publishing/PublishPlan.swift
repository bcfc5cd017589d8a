public import CrierCore
public import Foundation

/// What is published at one instant: the alert threads, which are current, and which stay listed.
///
/// Pure: built from plain values, so every rule (cancel, expiry, retention, references) is testable without files.
public struct PublishPlan: Sendable {
    /// Threads whose CAP files are written: every released thread (any status) current or ended
    /// less than `retention` ago, newest change first.
    public var published: [AlertThread]
    /// The published threads pages and feeds list: only the statuses `settings.listedStatuses` allows.
    public var listed: [AlertThread]
    /// Threads dropped because they ended more than `retention` ago.
    public var dropped: [AlertThread]
    /// Messages left out, with the reason (e.g. an update whose original is missing).
    public var skipped: [String: String]
    let settings: PublishSettings
    let now: Date
    let byID: [String: PublishableAlert]

    /// Groups `alerts` into threads by following `references`, and sorts them into listed and dropped.
    public init(alerts: [PublishableAlert], settings: PublishSettings, now: Date) {
        self.settings = settings
        self.now = now
        let publishable = alerts.filter { $0.message.releasedAt != nil }
        var byID: [String: PublishableAlert] = [:]
        for alert in publishable { byID[alert.message.id] = alert }
        self.byID = byID

        var skipped: [String: String] = [:]
        var threads: [String: [PublishableAlert]] = [:]
        for alert in publishable {
            switch Self.rootID(of: alert.message.id, in: byID) {
            case .success(let root): threads[root, default: []].append(alert)
            case .failure(let reason): skipped[alert.message.id] = reason.text
            }
        }
        let all = threads.values.map { members in
            // In time order; within one instant the alert comes before its update and its Cancel.
            AlertThread(alerts: members.sorted { Self.order($0.message) < Self.order($1.message) })
        }
        .sorted {
            ($0.latest.message.createdAt, $0.latest.message.id) > ($1.latest.message.createdAt, $1.latest.message.id)
        }
        let cutoff = now.addingTimeInterval(-settings.retention)
        self.published = all.filter { $0.end(defaultValidity: settings.defaultValidity) > cutoff }
        self.listed = published.filter { settings.listedStatuses.contains($0.status) }
        self.dropped = all.filter { $0.end(defaultValidity: settings.defaultValidity) <= cutoff }
        self.skipped = skipped
    }

    /// Threads that are current for `areaID` (`nil` = any area): not cancelled, not expired.
    public func current(areaID: String?) -> [AlertThread] {
        listed.filter { thread in
            !thread.isCancelled && thread.end(defaultValidity: settings.defaultValidity) > now
                && (areaID.map(thread.targets) ?? true)
        }
    }

    /// Threads listed in the feed of `areaID` (`nil` = the city feed).
    public func listed(areaID: String?) -> [AlertThread] {
        listed.filter { areaID.map($0.targets) ?? true }
    }

    /// When the feed of `areaID` last changed: its newest entry, or the moment a thread dropped out, whichever is later.
    public func feedUpdated(areaID: String?) -> Date {
        var newest = Date(timeIntervalSince1970: 0)
        for thread in listed(areaID: areaID) {
            newest = max(newest, thread.latest.message.createdAt)
        }
        for thread in dropped where areaID.map(thread.targets) ?? true {
            newest = max(
                newest, thread.end(defaultValidity: settings.defaultValidity).addingTimeInterval(settings.retention))
        }
        return newest
    }

    /// The CAP references of a message: every earlier message of its chain, oldest first.
    public func references(of message: MessageRecord) -> [CAPReferenceValue] {
        var chain: [CAPReferenceValue] = []
        var next = message.references
        var seen: Set<String> = [message.id]
        while let id = next, let earlier = byID[id], seen.insert(id).inserted {
            chain.append(CAPReferenceValue(identifier: earlier.message.id, sent: earlier.message.createdAt))
            next = earlier.message.references
        }
        return chain.reversed()
    }

    /// An earlier message's identity as references need it (the sender is always ours).
    public struct CAPReferenceValue: Sendable, Hashable {
        public var identifier: String
        public var sent: Date
    }

    /// Sorts a thread's messages: by time, then alert, update, cancel, then id.
    private static func order(_ message: MessageRecord) -> (Date, Int, String) {
        let rank =
            switch message.kind {
            case .alert: 0
            case .update: 1
            case .cancel: 2
            }
        return (message.createdAt, rank, message.id)
    }

    private struct Unresolved: Error {
        var text: String
    }

    private static func rootID(of id: String, in byID: [String: PublishableAlert]) -> Result<String, Unresolved> {
        var current = id
        var seen: Set<String> = [id]
        while let alert = byID[current], let parent = alert.message.references {
            guard byID[parent] != nil else {
                return .failure(
                    Unresolved(
                        text: "refers to \(parent), which is not published (missing, rejected or awaiting approval)"))
            }
            guard seen.insert(parent).inserted else {
                return .failure(Unresolved(text: "its references form a loop through \(parent)"))
            }
            current = parent
        }
        return .success(current)
    }
}
