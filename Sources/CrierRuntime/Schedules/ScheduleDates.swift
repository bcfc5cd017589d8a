import CrierCore
public import Foundation

/// Reads the dates operators give `crier plan` and `crier run --simulate-until`.
public enum ScheduleDates {
    /// `2026-03-29` (the start of that local day), `2026-03-29T09:00` (local wall time, with the
    /// DST rule for a skipped time), or ISO 8601 with an offset (`2026-03-29T09:00:00+01:00`).
    ///
    /// Errors name `option` and say which forms are accepted.
    public static func parse(_ text: String, option: String, zone: TimeZone) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        if let instant = iso.date(from: trimmed) { return instant }
        let local: LocalDateTime
        do {
            local =
                trimmed.count == 10
                ? try LocalDateTime(parsing: trimmed + "T00:00", field: option)
                : try LocalDateTime(parsing: trimmed, field: option)
        } catch {
            throw ScheduleRunError.notATime(option: option, text: text)
        }
        let asUTC = local.instant(offset: 0)
        guard let slot = Timetable(.once(local)).nextSlot(after: asUTC.addingTimeInterval(-2 * 86_400), in: zone)
        else { throw ScheduleRunError.skippedTime(option: option, text: text, zone: zone.identifier) }
        return slot.instant
    }

    /// `2026-03-29T02:00:00+01:00`: an instant on `zone`'s clock, ISO 8601 with its offset.
    public static func localText(_ instant: Date, zone: TimeZone) -> String {
        ScheduleTimeText.local(instant, offset: zone.secondsFromGMT(for: instant))
    }
}
