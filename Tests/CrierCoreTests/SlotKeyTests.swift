import CrierCore
import Foundation
import Testing

/// Slot keys as the outbox records them: (text, UTC instant it names, area), read back and written again.
@Test(
    arguments: [
        ("2026-10-25T01:30+01:00", "2026-10-25T00:30Z", nil),  // first occurrence of a repeated hour
        ("2026-10-25T01:30+00:00", "2026-10-25T01:30Z", nil),  // second occurrence, an hour later
        ("2026-03-29T01:30+00:00", "2026-03-29T01:30Z", nil),  // moved out of the gap: fired at 01:00Z
        ("2026-03-30T09:00+01:00/west", "2026-03-30T08:00Z", "west"),  // one area of a bulletin
        ("2026-06-01T09:00-04:30", "2026-06-01T13:30Z", nil),
    ] as [(String, String, String?)])
func slotKeyRoundTrip(_ text: String, _ instant: String, _ area: String?) throws {
    let key = try #require(SlotKey(text))
    #expect(key.description == text)
    #expect(utcText(key.instant) == instant)
    #expect(key.area == area)
}

@Test(arguments: [
    "", "2026-10-25T01:30", "2026-10-25T01:30Z", "2026-10-25T01:30:00+01:00", "2026-10-25 01:30+01:00",
    "2026-02-30T09:00+00:00", "2026-10-25T01:30+0100", "2026-10-25T01:30*01:00", "2026-10-25T01:30+01:00/",
])
func notASlotKey(_ text: String) {
    #expect(SlotKey(text) == nil)
}

@Test func slotsWriteTheirKeysThroughSlotKey() throws {
    let hourly = try #require(cron("30 * * * *"))
    let slots = hourly.slots(in: london, from: utc("2026-10-25T00:00Z"), to: utc("2026-10-25T02:00Z"))
    #expect(slots.map(\.key) == ["2026-10-25T01:30+01:00", "2026-10-25T01:30+00:00"])
    #expect(slots.map { $0.slotKey.instant } == slots.map(\.instant))
    #expect(slots[0].slotKey.forArea("west").description == "2026-10-25T01:30+01:00/west")
}

/// Catching up with a hold (quiet hours): a slot held past `now` is not due, one held into the
/// window is, and slots before `notBefore` are never looked at.
@Test func catchUpWithHoldsAndFirstSighting() throws {
    let hourly = try #require(cron("0 * * * *"))
    let release = utc("2026-06-01T08:00Z")
    // Hold every slot before 08:00 until 08:00, as quiet hours would, keeping its key.
    let hold = { (slot: Slot) -> Slot in
        guard slot.instant < release else { return slot }
        return Slot(
            instant: release, nominal: slot.nominal, nominalOffset: slot.nominalOffset, utcOffset: slot.utcOffset,
            adjustment: slot.adjustment)
    }
    let early = hourly.catchUp(
        lastHandled: utc("2026-06-01T05:30Z"), now: utc("2026-06-01T07:30Z"), grace: 3_600, in: zone("UTC"),
        holdMargin: 4 * 3_600, firing: hold)
    #expect(early.fire == nil && early.missed.isEmpty)
    let released = hourly.catchUp(
        lastHandled: utc("2026-06-01T07:30Z"), now: utc("2026-06-01T08:00Z"), grace: 3_600, in: zone("UTC"),
        notBefore: utc("2026-06-01T05:00Z"), holdMargin: 4 * 3_600, firing: hold)
    #expect(released.fire?.key == "2026-06-01T08:00+00:00")
    #expect(
        released.superseded.map(\.key) == [
            "2026-06-01T05:00+00:00", "2026-06-01T06:00+00:00", "2026-06-01T07:00+00:00",
        ])
}
