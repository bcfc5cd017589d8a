import CrierCore
import Foundation

/// The zone every DST case in DESIGN.md is written for.
let london = zone("Europe/London")

/// A zone by IANA identifier; falls back to UTC so a missing tzdata shows as failed expectations.
func zone(_ identifier: String) -> TimeZone {
    TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0) ?? TimeZone.current
}

/// `2026-03-29T01:00Z` (or with seconds) as an instant; the distant past if malformed, so tests fail loudly.
func utc(_ text: String) -> Date {
    var body = text
    if body.hasSuffix("Z") { body.removeLast() }
    guard let local = try? LocalDateTime(parsing: String(body.prefix(16)), field: "test") else { return .distantPast }
    let seconds = body.count > 16 ? Int(body.suffix(2)) ?? 0 : 0
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
    let components = DateComponents(
        year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: seconds)
    return calendar.date(from: components) ?? .distantPast
}

/// An instant as `2026-03-29T01:00Z`, for readable expectations.
func utcText(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "??" }
    return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute))Z"
}

/// A cron timetable, or nil when the expression is refused.
func cron(_ text: String, window: ScheduleWindow = .always) -> Timetable? {
    (try? CronExpression(parsing: text)).map { Timetable(.cron($0), window: window) }
}

/// The first `count` slots after `after`, following `nextSlot` from one to the next.
func nextSlots(_ timetable: Timetable, after: Date, count: Int, in zone: TimeZone) -> [Slot] {
    var result: [Slot] = []
    var cursor = after
    while result.count < count, let slot = timetable.nextSlot(after: cursor, in: zone) {
        result.append(slot)
        cursor = slot.instant
    }
    return result
}
