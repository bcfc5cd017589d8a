/// A parsed five-field cron expression (minute hour day-of-month month day-of-week).
///
/// Holds each field as a bit set; `CronExpression+Parsing.swift` reads the text,
/// `CronExpression+Matching.swift` walks the wall-clock calendar, and `Timetable` turns the
/// walk into slots in a time zone, applying the DST rule.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The text as written (after trimming), e.g. `*/15 9-17 * * MON-FRI` or `@daily`.
    public let source: String
    /// Bit n set when minute n matches (0-59).
    let minutes: UInt64
    /// Bit n set when hour n matches (0-23).
    let hours: UInt32
    /// Bit n set when day-of-month n matches (1-31).
    let daysOfMonth: UInt32
    /// Bit n set when month n matches (1-12).
    let months: UInt16
    /// Bit n set when weekday n matches (0 = Sunday ... 6; 7 is folded into 0).
    let daysOfWeek: UInt8
    /// The day-of-month field starts with `*` (Vixie's DOM_STAR).
    let dayOfMonthIsStar: Bool
    /// The day-of-week field starts with `*` (Vixie's DOW_STAR).
    let dayOfWeekIsStar: Bool
    /// The hour field is `*` or a step over `*`: the schedule follows the wall clock through DST.
    public let followsWallClock: Bool

    /// The expression as written.
    public var description: String { source }

    init(
        source: String, minutes: UInt64, hours: UInt32, daysOfMonth: UInt32, months: UInt16,
        daysOfWeek: UInt8, dayOfMonthIsStar: Bool, dayOfWeekIsStar: Bool, followsWallClock: Bool
    ) {
        self.source = source
        self.minutes = minutes
        self.hours = hours
        self.daysOfMonth = daysOfMonth
        self.months = months
        self.daysOfWeek = daysOfWeek
        self.dayOfMonthIsStar = dayOfMonthIsStar
        self.dayOfWeekIsStar = dayOfWeekIsStar
        self.followsWallClock = followsWallClock
    }

    /// The expressions the `@` aliases stand for.
    static let aliases: [String: String] = [
        "@hourly": "0 * * * *",
        "@daily": "0 0 * * *",
        "@midnight": "0 0 * * *",
        "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *",
        "@yearly": "0 0 1 1 *",
        "@annually": "0 0 1 1 *",
    ]
}
