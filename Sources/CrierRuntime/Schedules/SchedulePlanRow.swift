public import Foundation
import CrierTemplates

/// One line of `crier plan`: a slot that would fire, where, with what, to how many.
public struct SchedulePlanRow: Sendable, Encodable, Hashable {
    public let schedule: String
    /// When it fires on the local clock, ISO 8601 with offset (`2026-03-29T02:00:00+01:00`).
    public let localTime: String
    /// When it fires in UTC (`2026-03-29T01:00:00Z`).
    public let utcTime: String
    /// The slot's stable key, as the outbox records it.
    public let slot: String
    public let template: String
    public let areas: [String]
    /// Residents plus endpoints it would reach now.
    public let recipients: Int
    /// `bulletin` or `campaign`.
    public let kind: String
    /// When quiet hours hold the slot: its own local time, which it waits after.
    public let heldFrom: String?
    /// How the DST rule moved the slot (`moved-out-of-gap`, `repeated-hour`), if it did.
    public let adjustment: String?

    enum CodingKeys: String, CodingKey {
        case schedule, slot, template, areas, recipients, kind, adjustment
        case localTime = "local_time"
        case utcTime = "utc_time"
        case heldFrom = "held_from"
    }

    /// One line for a terminal.
    public var line: String {
        var text = "\(localTime)  \(utcTime)  \(schedule)  \(template)  \(areas.joined(separator: ","))  \(recipients) recipients"
        if let heldFrom { text += "  (held by quiet hours from \(heldFrom))" }
        if let adjustment { text += "  (\(adjustment))" }
        return text
    }
}

extension Composer {
    /// Every firing of `schedules` in `from ..< to`, in order, with the audience each would reach now.
    public func plan(_ schedules: [Schedule], from: Date, to: Date) throws -> [SchedulePlanRow] {
        let planner = SchedulePlanner(configuration: system.configuration)
        let audience = try ScheduleAudience(system: system, library: library)
        let byID = Dictionary(schedules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try planner.plan(schedules, from: from, to: to).compactMap { firing in
            guard let schedule = byID[firing.scheduleID] else { return nil }
            return SchedulePlanRow(
                schedule: schedule.id, localTime: firing.localTime, utcTime: firing.utcTime, slot: firing.slot.key,
                template: schedule.template, areas: schedule.areas, recipients: try audience.recipients(of: schedule),
                kind: schedule.kind.rawValue, heldFrom: firing.isHeld ? firing.slot.localTime : nil,
                adjustment: firing.slot.adjustment == .none ? nil : firing.slot.adjustment.rawValue)
        }
    }
}
