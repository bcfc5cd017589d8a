import CrierCore
import Foundation
import Testing

/// (start, end, instant) → release instant (nil when not quiet), in London.
@Test(
    arguments: [
        ("21:00", "08:00", "2026-06-01T19:59Z", nil),  // 20:59 BST
        ("21:00", "08:00", "2026-06-01T20:00Z", "2026-06-02T07:00Z"),  // 21:00 BST: start is quiet
        ("21:00", "08:00", "2026-06-01T22:59Z", "2026-06-02T07:00Z"),
        ("21:00", "08:00", "2026-06-02T06:59Z", "2026-06-02T07:00Z"),  // 07:59 BST, after midnight
        ("21:00", "08:00", "2026-06-02T07:00Z", nil),  // 08:00 BST: end is not quiet
        ("21:00", "08:00", "2026-01-10T23:30Z", "2026-01-11T08:00Z"),  // winter
        ("21:00", "08:00", "2026-03-28T22:00Z", "2026-03-29T07:00Z"),  // held overnight into BST
        ("21:00", "08:00", "2026-10-24T21:00Z", "2026-10-25T08:00Z"),  // held overnight into GMT
        ("12:00", "13:00", "2026-06-01T11:30Z", "2026-06-01T12:00Z"),  // 12:30 BST, not wrapping
        ("12:00", "13:00", "2026-06-01T12:00Z", nil),
        ("08:00", "08:00", "2026-06-01T07:00Z", nil),  // equal: no quiet period
        ("00:00", "01:30", "2026-03-29T00:10Z", "2026-03-29T01:00Z"),  // 01:30 skipped: first minute after the gap
        ("00:00", "01:30", "2026-10-24T23:10Z", "2026-10-25T00:30Z"),  // 01:30 repeated: first occurrence
    ] as [(String, String, String, String?)])
func quietHoursRelease(_ start: String, _ end: String, _ instant: String, _ release: String?) throws {
    let quiet = try QuietHours(start: start, end: end)
    #expect(quiet.release(of: utc(instant), in: london).map(utcText) == release)
}

/// Bad times name the field.
@Test(arguments: [
    ("25:00", "08:00", "start", "25:00"),
    ("21:00", "8am", "end", "8am"),
    ("21:0", "08:00", "start", "21:0"),
    ("21:00", "08:60", "end", "08:60"),
    ("", "08:00", "start", ""),
])
func quietHoursRefuses(_ start: String, _ end: String, _ field: String, _ text: String) {
    #expect {
        try QuietHours(start: start, end: end)
    } throws: { error in
        guard let error = error as? TimeSyntaxError else { return false }
        return error.field == field && error.text == text
    }
}
