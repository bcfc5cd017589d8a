extension CronExpression {
    /// One field's rules: its name in errors, its range and the names it accepts.
    private struct FieldSpec {
        let name: String
        let range: ClosedRange<Int>
        /// Names for values (`JAN` = 1, `SUN` = 0), matched case-insensitively.
        let names: [String: Int]
        let allowedNames: String

        static let minute = FieldSpec(name: "minute", range: 0...59, names: [:], allowedNames: "")
        static let hour = FieldSpec(name: "hour", range: 0...23, names: [:], allowedNames: "")
        static let dayOfMonth = FieldSpec(name: "day-of-month", range: 1...31, names: [:], allowedNames: "")
        static let month = FieldSpec(
            name: "month", range: 1...12,
            names: Dictionary(
                uniqueKeysWithValues: [
                    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
                ]
                .enumerated().map { ($1, $0 + 1) }),
            allowedNames: "1-12 or JAN-DEC")
        static let dayOfWeek = FieldSpec(
            name: "day-of-week", range: 0...7,
            names: Dictionary(
                uniqueKeysWithValues: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"].enumerated().map { ($1, $0) }),
            allowedNames: "0-7 or SUN-SAT")
    }

    /// Parses a five-field expression or an `@` alias.
    ///
    /// Day-of-week accepts 0-7 (0 and 7 are Sunday); months and weekdays accept three-letter names
    /// in any case. Refuses expressions that can never fire, such as `0 0 30 2 *`.
    public init(parsing text: String) throws(CronSyntaxError) {
        let source = String(text.trimmingScheduleSpaces)
        var expanded = source
        if source.hasPrefix("@") {
            guard let alias = Self.aliases[source.lowercased()] else { throw .unknownAlias(source) }
            expanded = alias
        }
        let fields = expanded.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else { throw .fieldCount(source, found: fields.count) }

        let minutes = try Self.parseField(fields[0], .minute)
        let hours = try Self.parseField(fields[1], .hour)
        let daysOfMonth = try Self.parseField(fields[2], .dayOfMonth)
        let months = try Self.parseField(fields[3], .month)
        var daysOfWeek = try Self.parseField(fields[4], .dayOfWeek)
        if daysOfWeek & (1 << 7) != 0 { daysOfWeek = (daysOfWeek | 1) & ~(1 << 7) }

        self.init(
            source: source, minutes: minutes, hours: UInt32(hours), daysOfMonth: UInt32(daysOfMonth),
            months: UInt16(months), daysOfWeek: UInt8(daysOfWeek),
            dayOfMonthIsStar: fields[2].hasPrefix("*"), dayOfWeekIsStar: fields[4].hasPrefix("*"),
            followsWallClock: fields[1].hasPrefix("*"))
        try checkCanFire(dayOfMonthText: fields[2])
    }

    /// Refuses a day-of-month that no listed month has (`31` in `APR,JUN`), when day-of-week cannot rescue it.
    private func checkCanFire(dayOfMonthText: String) throws(CronSyntaxError) {
        guard dayOfWeekIsStar || dayOfMonthIsStar else { return }
        for month in 1...12 where months & (1 << month) != 0 {
            let longest = CivilCalendar.daysIn(month: month, year: 2000)  // a leap year: 29 Feb counts.
            for day in 1...longest where daysOfMonth & (1 << day) != 0 { return }
        }
        throw .neverFires("day-of-month", dayOfMonthText, "no listed month has such a day, so this never fires")
    }

    /// Parses one field into a bit set (bit n = value n matches).
    private static func parseField(_ text: String, _ spec: FieldSpec) throws(CronSyntaxError) -> UInt64 {
        var bits: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw .emptyItem(spec.name, text) }
            bits |= try parseItem(String(item), spec)
        }
        return bits
    }

    /// Parses `*`, `n`, `a-b`, `*/s` or `a-b/s`.
    private static func parseItem(_ item: String, _ spec: FieldSpec) throws(CronSyntaxError) -> UInt64 {
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw .notANumber(spec.name, item) }
        var step = 1
        if parts.count == 2 {
            guard let value = Int(asciiDigits: parts[1]) else {
                if parts[1].isEmpty { throw .emptyItem(spec.name, item) }
                throw .notANumber(spec.name, item)
            }
            guard value > 0 else { throw .zeroStep(spec.name, item) }
            step = value
        }
        let base = parts[0]
        let low: Int
        let high: Int
        if base == "*" {
            low = spec.range.lowerBound
            high = spec.name == "day-of-week" ? 6 : spec.range.upperBound
        } else if let dash = base.firstIndex(of: "-") {
            low = try value(String(base[..<dash]), spec, item: item)
            high = try value(String(base[base.index(after: dash)...]), spec, item: item)
            guard low <= high else { throw .reversedRange(spec.name, item) }
        } else {
            low = try value(String(base), spec, item: item)
            high = low
            if parts.count == 2 { throw .stepWithoutRange(spec.name, item) }
        }
        var bits: UInt64 = 0
        for value in stride(from: low, through: high, by: step) { bits |= 1 << UInt64(value) }
        return bits
    }

    /// Reads one number or name and checks its range.
    private static func value(_ text: String, _ spec: FieldSpec, item: String) throws(CronSyntaxError) -> Int {
        if let number = Int(asciiDigits: text) {
            guard spec.range.contains(number) else {
                throw .outOfRange(spec.name, item, value: number, range: spec.range)
            }
            return number
        }
        if text.first?.isLetter == true {
            guard let named = spec.names[text.uppercased()] else {
                let allowed =
                    spec.names.isEmpty ? "numbers \(spec.range.lowerBound)-\(spec.range.upperBound)" : spec.allowedNames
                throw .unknownName(spec.name, item, allowed: allowed)
            }
            return named
        }
        throw .notANumber(spec.name, item)
    }
}
