import CrierCore
import Foundation
import Testing

/// Expressions the parser must accept, with the first slots they produce (UTC) after 2026-01-01T00:00Z.
@Test(arguments: [
    ("*/15 * * * *", ["2026-01-01T00:15+00:00", "2026-01-01T00:30+00:00", "2026-01-01T00:45+00:00"]),
    ("10-50/10 9 * * *", ["2026-01-01T09:10+00:00", "2026-01-01T09:20+00:00", "2026-01-01T09:30+00:00"]),
    ("0 9 * * mon-FRI", ["2026-01-01T09:00+00:00", "2026-01-02T09:00+00:00", "2026-01-05T09:00+00:00"]),
    ("0 0 1 jan,Jul *", ["2026-07-01T00:00+00:00", "2027-01-01T00:00+00:00", "2027-07-01T00:00+00:00"]),
    ("0 12 * * 7", ["2026-01-04T12:00+00:00", "2026-01-11T12:00+00:00", "2026-01-18T12:00+00:00"]),
    ("0 12 * * 0", ["2026-01-04T12:00+00:00", "2026-01-11T12:00+00:00", "2026-01-18T12:00+00:00"]),
    ("0 12 * * 5-7", ["2026-01-02T12:00+00:00", "2026-01-03T12:00+00:00", "2026-01-04T12:00+00:00"]),
    ("0 12 * * SUN", ["2026-01-04T12:00+00:00", "2026-01-11T12:00+00:00", "2026-01-18T12:00+00:00"]),
    ("0 0 1,15 * *", ["2026-01-15T00:00+00:00", "2026-02-01T00:00+00:00", "2026-02-15T00:00+00:00"]),
    ("\t 5 4 * * *  ", ["2026-01-01T04:05+00:00", "2026-01-02T04:05+00:00", "2026-01-03T04:05+00:00"]),
    ("@hourly", ["2026-01-01T01:00+00:00", "2026-01-01T02:00+00:00", "2026-01-01T03:00+00:00"]),
    ("@daily", ["2026-01-02T00:00+00:00", "2026-01-03T00:00+00:00", "2026-01-04T00:00+00:00"]),
    ("@midnight", ["2026-01-02T00:00+00:00", "2026-01-03T00:00+00:00", "2026-01-04T00:00+00:00"]),
    ("@weekly", ["2026-01-04T00:00+00:00", "2026-01-11T00:00+00:00", "2026-01-18T00:00+00:00"]),
    ("@monthly", ["2026-02-01T00:00+00:00", "2026-03-01T00:00+00:00", "2026-04-01T00:00+00:00"]),
    ("@yearly", ["2027-01-01T00:00+00:00", "2028-01-01T00:00+00:00", "2029-01-01T00:00+00:00"]),
    ("@ANNUALLY", ["2027-01-01T00:00+00:00", "2028-01-01T00:00+00:00", "2029-01-01T00:00+00:00"]),
    // Both day fields restricted: either matches (Fridays, and the 13th).
    ("0 0 13 * FRI", ["2026-01-02T00:00+00:00", "2026-01-09T00:00+00:00", "2026-01-13T00:00+00:00"]),
    // A day field that starts with `*` counts as unrestricted (Vixie): both must match.
    ("0 0 */10 * FRI", ["2026-05-01T00:00+00:00", "2026-07-31T00:00+00:00", "2026-08-21T00:00+00:00"]),
    ("0 0 * * */2", ["2026-01-03T00:00+00:00", "2026-01-04T00:00+00:00", "2026-01-06T00:00+00:00"]),
])
func cronAccepts(_ expression: String, _ expected: [String]) throws {
    let parsed = try CronExpression(parsing: expression)
    let slots = nextSlots(Timetable(.cron(parsed)), after: utc("2026-01-01T00:00Z"), count: 3, in: zone("UTC"))
    #expect(slots.map(\.key) == expected)
}

/// Expressions the parser must refuse, with the field it must name and a fragment of the reason.
@Test(arguments: [
    ("61 * * * *", "minute", "61", "61 is out of range 0-59"),
    ("* 24 * * *", "hour", "24", "24 is out of range 0-23"),
    ("* * 0 * *", "day-of-month", "0", "0 is out of range 1-31"),
    ("* * 32 * *", "day-of-month", "32", "out of range 1-31"),
    ("* * * 13 *", "month", "13", "out of range 1-12"),
    ("* * * * 8", "day-of-week", "8", "out of range 0-7"),
    ("*/0 * * * *", "minute", "*/0", "step must be positive"),
    ("0 */0 * * *", "hour", "*/0", "step must be positive"),
    ("* * * *", "expression", "* * * *", "expected 5 fields"),
    ("* * * * * *", "expression", "* * * * * *", "found 6"),
    ("", "expression", "", "found 0"),
    ("1,,2 * * * *", "minute", "1,,2", "empty list item"),
    ("1, * * * *", "minute", "1,", "empty list item"),
    ("5-1 * * * *", "minute", "5-1", "range runs backwards"),
    ("* * * * FRI-MON", "day-of-week", "FRI-MON", "range runs backwards"),
    ("* * * FOO *", "month", "FOO", "unknown name (use 1-12 or JAN-DEC)"),
    ("* * * * FUN", "day-of-week", "FUN", "unknown name (use 0-7 or SUN-SAT)"),
    ("* * * * MON-FOO", "day-of-week", "MON-FOO", "unknown name"),
    ("a * * * *", "minute", "a", "unknown name (use numbers 0-59)"),
    ("*/x * * * *", "minute", "*/x", "not a number"),
    ("5/10 * * * *", "minute", "5/10", "a step applies to * or a range"),
    ("@fortnightly", "expression", "@fortnightly", "unknown alias"),
    ("0 0 30 2 *", "day-of-month", "30", "never fires"),
    ("0 0 31 4,6,9,11 *", "day-of-month", "31", "never fires"),
])
func cronRefuses(_ expression: String, _ field: String, _ text: String, _ reason: String) {
    #expect {
        try CronExpression(parsing: expression)
    } throws: { error in
        guard let error = error as? CronSyntaxError else { return false }
        return error.field == field && error.text == text && error.reason.contains(reason)
    }
}

@Test func cronErrorReadsAsFieldTextAndReason() {
    do {
        _ = try CronExpression(parsing: "61 * * * *")
        Issue.record("61 was accepted as a minute")
    } catch {
        #expect(error.description == "minute: \"61\": 61 is out of range 0-59")
    }
}

@Test func fieldCountErrorSaysHowManyWereFound() {
    do {
        _ = try CronExpression(parsing: "0 9 * *")
        Issue.record("four fields were accepted")
    } catch {
        #expect(error.field == "expression")
        #expect(error.reason.hasPrefix("expected 5 fields"))
        #expect(error.reason.hasSuffix("found 4"))
    }
}

/// Which hour fields follow the wall clock through DST, and which are fixed.
@Test(arguments: [
    ("0 * * * *", true), ("*/2 * * * *", true), ("0 */2 * * *", true), ("0 */3 * * *", true), ("30 1 * * *", false),
    ("0 0-23 * * *", false), ("0 9,17 * * *", false), ("@hourly", true), ("@daily", false),
])
func hourFieldDecidesDSTBehaviour(_ expression: String, _ followsWallClock: Bool) throws {
    #expect(try CronExpression(parsing: expression).followsWallClock == followsWallClock)
}

@Test func matchesUsesTheEitherRuleWhenBothDayFieldsAreRestricted() throws {
    let expression = try CronExpression(parsing: "0 0 29 2 1")
    let leapDayTuesday = try #require(LocalDateTime(year: 2028, month: 2, day: 29))
    let februaryMonday = try #require(LocalDateTime(year: 2026, month: 2, day: 2))
    let februaryTuesday = try #require(LocalDateTime(year: 2026, month: 2, day: 3))
    let juneMonday = try #require(LocalDateTime(year: 2026, month: 6, day: 1))
    #expect(expression.matches(leapDayTuesday))
    #expect(expression.matches(februaryMonday))
    #expect(!expression.matches(februaryTuesday))
    // The month field still applies: Mondays outside February do not match.
    #expect(!expression.matches(juneMonday))
    #expect(expression.description == "0 0 29 2 1")
}
