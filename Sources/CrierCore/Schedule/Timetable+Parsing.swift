extension Timetable {
    /// A repeating timetable from cron text (a schedule file's `cron:`), within `window`.
    public init(cron text: String, window: ScheduleWindow = .always) throws(CronSyntaxError) {
        self.init(.cron(try CronExpression(parsing: text)), window: window)
    }

    /// A one-off timetable from a local date-time (a schedule file's `at:`), within `window`.
    public init(at text: String, window: ScheduleWindow = .always) throws(TimeSyntaxError) {
        self.init(.once(try LocalDateTime(parsing: text, field: "at")), window: window)
    }
}
