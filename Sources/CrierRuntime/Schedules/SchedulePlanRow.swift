import CrierCore
import CrierStore
import CrierTemplates
public import Foundation

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
        var text =
            "\(localTime)  \(utcTime)  \(schedule)  \(template)  \(areas.joined(separator: ","))  \(recipients) recipients"
        if let heldFrom { text += "  (held by quiet hours from \(heldFrom))" }
        if let adjustment { text += "  (\(adjustment))" }
        return text
    }
}

extension SchedulePlanRow {
    /// The rows as a pretty JSON array with sorted keys, the same shape `JSONEncoder` gives, written
    /// directly: a year of a thousand schedules is a hundred thousand rows.
    public static func json(_ rows: [SchedulePlanRow]) -> String {
        guard !rows.isEmpty else { return "[\n\n]" }
        var out = "[\n"
        out.reserveCapacity(rows.count * 400)
        for (index, row) in rows.enumerated() {
            out += "  {\n"
            if let adjustment = row.adjustment { field(&out, "adjustment", adjustment) }
            out += "    \"areas\" : [\n"
            for (position, area) in row.areas.enumerated() {
                out += "      "
                quote(&out, area)
                out += position == row.areas.count - 1 ? "\n" : ",\n"
            }
            out += "    ],\n"
            if let heldFrom = row.heldFrom { field(&out, "held_from", heldFrom) }
            field(&out, "kind", row.kind)
            field(&out, "local_time", row.localTime)
            out += "    \"recipients\" : \(row.recipients),\n"
            field(&out, "schedule", row.schedule)
            field(&out, "slot", row.slot)
            field(&out, "template", row.template)
            out += "    \"utc_time\" : "
            quote(&out, row.utcTime)
            out += index == rows.count - 1 ? "\n  }\n" : "\n  },\n"
        }
        return out + "]"
    }

    /// Appends `"name" : "value",` and a line break.
    private static func field(_ out: inout String, _ name: String, _ value: String) {
        out += "    \""
        out += name
        out += "\" : "
        quote(&out, value)
        out += ",\n"
    }

    /// Appends `text` as a JSON string literal.
    private static func quote(_ out: inout String, _ text: String) {
        out += "\""
        out += JSONText.escape(text)
        out += "\""
    }
}

extension Composer {
    /// Every firing of `schedules` in `from ..< to`, in order, with the audience each would reach now.
    ///
    /// As the scheduler does, it leaves out slots before the time a schedule was recorded as seen
    /// enabled (`ScheduleSighting`); a schedule no scheduler has seen yet is planned from its timetable.
    public func plan(_ schedules: [Schedule], from: Date, to: Date) throws -> [SchedulePlanRow] {
        let planner = SchedulePlanner(configuration: system.configuration)
        let audience = try ScheduleAudience(system: system, library: library)
        let sightings = try system.outbox.scheduleSightings()
        var byID: [String: (schedule: Schedule, recipients: Int, start: Date)] = [:]
        for schedule in schedules where byID[schedule.id] == nil {
            let start = sightings[schedule.id].map { $0.enabledSince ?? system.clock.now() } ?? .distantPast
            byID[schedule.id] = (schedule, try audience.recipients(of: schedule), start)
        }
        return planner.plan(schedules, from: from, to: to).compactMap { firing in
            guard let (schedule, recipients, start) = byID[firing.scheduleID], firing.slot.instant >= start else {
                return nil
            }
            return SchedulePlanRow(
                schedule: schedule.id, localTime: firing.localTime, utcTime: firing.utcTime, slot: firing.slot.key,
                template: schedule.template, areas: schedule.areas, recipients: recipients,
                kind: schedule.kind.rawValue, heldFrom: firing.isHeld ? firing.slot.localTime : nil,
                adjustment: firing.slot.adjustment == .none ? nil : firing.slot.adjustment.rawValue)
        }
    }
}
