extension LocalDateTime {
    /// Reads `2026-03-29T09:00` or `2026-03-29 09:00` (seconds `:00` allowed), naming `field` on error.
    public init(parsing text: String, field: String = "at") throws(TimeSyntaxError) {
        let trimmed = text.trimmingScheduleSpaces
        let expected = "a local date-time like 2026-03-29T09:00"
        let separators: Set<Character> = ["T", "t", " "]
        guard let split = trimmed.firstIndex(where: { separators.contains($0) }) else {
            throw .malformed(field, text, expected: expected)
        }
        let date = try Self.date(String(trimmed[..<split]), field: field, whole: text, expected: expected)
        let clock = try Self.timeOfDay(String(trimmed[trimmed.index(after: split)...]), field: field, whole: text)
        guard
            let value = LocalDateTime(year: date.0, month: date.1, day: date.2, hour: clock.hour, minute: clock.minute)
        else { throw .noSuchDate(field, text) }
        self = value
    }

    /// Reads either a date (`2026-03-29`, meaning its first minute) or a date-time.
    ///
    /// Returns whether only a date was given, so a window's `until` can mean "to the end of that day".
    static func parseDateOrDateTime(_ text: String, field: String) throws(TimeSyntaxError) -> (
        LocalDateTime, dateOnly: Bool
    ) {
        let trimmed = text.trimmingScheduleSpaces
        if trimmed.count == 10 {
            let expected = "a local date like 2026-03-29 or a date-time like 2026-03-29T09:00"
            let date = try date(String(trimmed), field: field, whole: text, expected: expected)
            guard let value = LocalDateTime(year: date.0, month: date.1, day: date.2) else {
                throw .noSuchDate(field, text)
            }
            return (value, true)
        }
        return (try LocalDateTime(parsing: text, field: field), false)
    }

    /// `YYYY-MM-DD` as numbers (not yet checked against the calendar).
    private static func date(_ text: String, field: String, whole: String, expected: String) throws(TimeSyntaxError)
        -> (Int, Int, Int)
    {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(asciiDigits: parts[0]), let month = Int(asciiDigits: parts[1]),
            let day = Int(asciiDigits: parts[2])
        else { throw .malformed(field, whole, expected: expected) }
        guard (1...12).contains(month), day >= 1, year >= 1,
            day <= CivilCalendar.daysIn(month: month, year: year)
        else { throw .noSuchDate(field, whole) }
        return (year, month, day)
    }

    /// `HH:MM` or `HH:MM:00` as an hour and minute, checked.
    static func timeOfDay(_ text: String, field: String, whole: String) throws(TimeSyntaxError) -> (
        hour: Int, minute: Int
    ) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
            let hour = Int(asciiDigits: parts[0]), let minute = Int(asciiDigits: parts[1])
        else { throw .malformed(field, whole, expected: "a time of day like 21:00") }
        if parts.count == 3, Int(asciiDigits: parts[2]) != 0 {
            throw .outOfRange(field, whole, "seconds must be :00 (schedules work in whole minutes)")
        }
        guard (0...23).contains(hour), (0...59).contains(minute) else {
            throw .outOfRange(field, whole, "hour must be 00-23 and minute 00-59")
        }
        return (hour, minute)
    }
}

extension Int {
    /// Parses ASCII digits only (no sign, no spaces), unlike `Int(_:)` which accepts `+5`.
    init?(asciiDigits text: some StringProtocol) {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }),
            let value = Int(text)
        else { return nil }
        self = value
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingScheduleSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return Substring("")
        }
        return Substring(self[first...last])
    }
}
