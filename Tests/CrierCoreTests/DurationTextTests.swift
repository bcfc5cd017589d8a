import CrierCore
import Foundation
import Testing

@Test(arguments: [
    ("5s", 5.0), ("5m", 300), ("30m", 1_800), ("2h", 7_200), ("1d", 86_400), ("1h30m", 5_400),
    ("1d2h3m4s", 93_784), ("0s", 0), (" 10m ", 600), ("90S", 90), ("10h", 36_000),
])
func durationsInSeconds(_ text: String, _ seconds: Double) throws {
    #expect(try DurationText.seconds(text) == seconds)
}

/// (text, a fragment of the reason).
@Test(arguments: [
    ("", "expected a duration"),
    ("5", "a unit is required"),
    ("5x", "unknown unit \"x\""),
    ("30m1h", "largest first"),
    ("1h1h", "largest first"),
    ("h", "expected a duration"),
    ("-5s", "expected a duration"),
    ("1.5h", "expected a duration"),
    ("9999999999s", "too large"),
])
func durationsRefused(_ text: String, _ reason: String) {
    #expect {
        try DurationText.seconds(text, field: "misfire_grace")
    } throws: { error in
        guard let error = error as? TimeSyntaxError else { return false }
        return error.field == "misfire_grace" && error.text == text && error.reason.contains(reason)
    }
}

@Test func durationErrorReadsAsFieldTextAndReason() {
    do {
        _ = try DurationText.seconds("5x", field: "retry.schedule")
        Issue.record("5x was accepted")
    } catch {
        #expect(error.description == "retry.schedule: \"5x\": unknown unit \"x\" (use s, m, h or d, e.g. 1h30m)")
    }
}
