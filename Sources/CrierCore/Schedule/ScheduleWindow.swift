/// The optional `from`/`until` bounds of a schedule, in local wall time; slots outside are not produced.
public struct ScheduleWindow: Sendable, Hashable {
    /// The first wall minute a slot may name, if bounded.
    public let from: LocalDateTime?
    /// The last wall minute a slot may name (inclusive), if bounded.
    public let until: LocalDateTime?

    /// No bounds: the schedule runs for ever.
    public static let always = ScheduleWindow(uncheckedFrom: nil, until: nil)

    private init(uncheckedFrom from: LocalDateTime?, until: LocalDateTime?) {
        self.from = from
        self.until = until
    }

    /// Bounds on the nominal wall time of slots, both inclusive; refuses `until` before `from`.
    public init(from: LocalDateTime? = nil, until: LocalDateTime? = nil) throws(TimeSyntaxError) {
        if let from, let until, until < from {
            throw .order("until", until.description, "is before from \(from.description)")
        }
        self.init(uncheckedFrom: from, until: until)
    }

    /// Reads a schedule file's `from`/`until`: each a date (`2026-03-01`) or a date-time (`2026-03-01T09:00`).
    ///
    /// A date for `from` starts at its first minute; a date for `until` runs to the end of that day.
    public init(parsingFrom from: String?, until: String?) throws(TimeSyntaxError) {
        var lower: LocalDateTime?
        var upper: LocalDateTime?
        if let from { lower = try LocalDateTime.parseDateOrDateTime(from, field: "from").0 }
        if let until {
            let (value, dateOnly) = try LocalDateTime.parseDateOrDateTime(until, field: "until")
            upper =
                dateOnly
                ? LocalDateTime(year: value.year, month: value.month, day: value.day, hour: 23, minute: 59) : value
        }
        try self.init(from: lower, until: upper)
    }

    /// Whether a slot naming this wall time is inside the window.
    public func contains(_ time: LocalDateTime) -> Bool {
        if let from, time < from { return false }
        if let until, until < time { return false }
        return true
    }
}
