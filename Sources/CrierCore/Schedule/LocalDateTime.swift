public import Foundation

/// A wall-clock date and minute with no time zone, as schedules and operators write it.
///
/// Cron slots, one-off `at` times and windows are all named in local wall time; the zone turns
/// them into instants only when slots are planned.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1-9999.
    public let year: Int
    /// The month, 1-12.
    public let month: Int
    /// The day of the month, 1-31.
    public let day: Int
    /// The hour, 0-23.
    public let hour: Int
    /// The minute, 0-59.
    public let minute: Int

    /// Creates a wall time, or nil when the date or time does not exist on the calendar.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilCalendar.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// Builds from seconds since 1970-01-01T00:00 on the wall clock (a "wall epoch").
    init(wallSeconds: Int64) {
        let days = CivilCalendar.floorDiv(wallSeconds, 86_400)
        let rest = Int(wallSeconds - days * 86_400)
        let date = CivilCalendar.date(days: Int(days))
        year = date.year
        month = date.month
        day = date.day
        hour = rest / 3600
        minute = rest % 3600 / 60
    }

    /// Seconds since 1970-01-01T00:00 on the wall clock: the instant this would be in UTC.
    var wallSeconds: Int64 {
        let days = Int64(CivilCalendar.days(year: year, month: month, day: day))
        return days * 86_400 + Int64(hour * 3600 + minute * 60)
    }

    /// The instant this wall time names on a clock `offset` seconds east of UTC.
    public func instant(offset: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(wallSeconds - Int64(offset)))
    }

    /// `2026-03-29T01:30`.
    public var description: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2))"
    }

    /// `2026-03-29T01:30+01:00`: this wall time qualified by a UTC offset in seconds.
    func description(offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        return description + "\(sign)\(pad(magnitude / 3600, 2)):\(pad(magnitude % 3600 / 60, 2))"
    }

    /// Earlier wall times order first.
    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute)
    }
}

/// Zero-pads a non-negative number to `width` digits.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
