extension CronExpression {
    /// Whether the expression names this wall-clock minute.
    ///
    /// Days follow Vixie cron: when both day-of-month and day-of-week are restricted (neither
    /// field starts with `*`), a day matches if either does; otherwise both must.
    public func matches(_ time: LocalDateTime) -> Bool {
        let days = CivilCalendar.days(year: time.year, month: time.month, day: time.day)
        return months & (1 << time.month) != 0
            && matchesDay(day: time.day, weekday: CivilCalendar.weekday(days: days))
            && hours & (1 << time.hour) != 0
            && minutes & (1 << time.minute) != 0
    }

    /// The day rule alone (month already checked).
    func matchesDay(day: Int, weekday: Int) -> Bool {
        let domMatch = daysOfMonth & (1 << day) != 0
        let dowMatch = daysOfWeek & (1 << weekday) != 0
        if dayOfMonthIsStar || dayOfWeekIsStar { return domMatch && dowMatch }
        return domMatch || dowMatch
    }

    /// Visits each matching wall time in `from...through` (wall seconds, see `LocalDateTime.wallSeconds`)
    /// in order, until `body` returns false.
    ///
    /// Walks days, jumping over months that do not match and days that do not, and only then
    /// the listed hours and minutes, so sparse schedules cost a few hundred steps a year.
    func forEachWallTime(from: Int64, through: Int64, _ body: (Int64) -> Bool) {
        guard from <= through else { return }
        let hourList = (0..<24).filter { hours & (1 << $0) != 0 }.map { Int64($0 * 3600) }
        let minuteList = (0..<60).filter { minutes & (1 << UInt64($0)) != 0 }.map { Int64($0 * 60) }
        var day = Int(CivilCalendar.floorDiv(from, 86_400))
        let lastDay = Int(CivilCalendar.floorDiv(through, 86_400))
        while day <= lastDay {
            let date = CivilCalendar.date(days: day)
            guard months & (1 << date.month) != 0 else {
                let next = date.month == 12 ? (date.year + 1, 1) : (date.year, date.month + 1)
                day = CivilCalendar.days(year: next.0, month: next.1, day: 1)
                continue
            }
            if matchesDay(day: date.day, weekday: CivilCalendar.weekday(days: day)) {
                let midnight = Int64(day) * 86_400
                for hour in hourList {
                    for minute in minuteList {
                        let wall = midnight + hour + minute
                        if wall < from { continue }
                        if wall > through { return }
                        if !body(wall) { return }
                    }
                }
            }
            day += 1
        }
    }
}
