public import Foundation

/// The name under which one slot of a schedule is recorded, unique per schedule in the outbox.
///
/// A key is the slot's nominal wall time in the schedule's zone, qualified by the UTC offset of
/// its occurrence: `2026-10-25T01:30+01:00` (first occurrence in a repeated hour),
/// `2026-10-25T01:30+00:00` (second occurrence). It is not a UTC instant: a slot moved out of a
/// DST gap keeps its nominal time with the offset in force before the gap
/// (`2026-03-29T01:30+00:00`), a wall time that never occurs. A bulletin records one key per area,
/// with `/area` appended (`2026-03-30T09:00+01:00/west`).
///
/// Keys of one schedule compare as text like their wall times, which is time order except around
/// DST changes: inside a repeated hour `01:30+00:00` sorts before `01:30+01:00` yet happens later,
/// and a key moved out of a gap names a time up to an hour after its slot fired. Catching up
/// after downtime therefore starts an hour before the last key's `instant`.
public struct SlotKey: Sendable, Hashable, CustomStringConvertible {
    /// The wall time the schedule named.
    public let nominal: LocalDateTime
    /// The UTC offset (seconds east) qualifying `nominal`.
    public let offset: Int
    /// The area of a bulletin's per-area key; nil for a campaign's key.
    public let area: String?

    /// A key from its parts.
    public init(nominal: LocalDateTime, offset: Int, area: String? = nil) {
        self.nominal = nominal
        self.offset = offset
        self.area = area
    }

    /// Reads a key as `description` writes it (`2026-10-25T01:30+01:00`, optionally `/area`), or nil
    /// when `text` is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let stamp = parts[0]
        guard stamp.count == 22 else { return nil }
        let wall = stamp.prefix(16)
        let zone = stamp.dropFirst(16)
        let sign = zone.first
        guard sign == "+" || sign == "-", zone.dropFirst(3).first == ":",
            let hours = Int(asciiDigits: zone.dropFirst().prefix(2)), let minutes = Int(asciiDigits: zone.suffix(2)),
            hours < 24, minutes < 60,
            let nominal = try? LocalDateTime(parsing: String(wall), field: "slot key"),
            wall.dropFirst(10).first == "T"
        else { return nil }
        let area = parts.count == 2 ? String(parts[1]) : nil
        if let area, area.isEmpty { return nil }
        self.init(nominal: nominal, offset: (hours * 3_600 + minutes * 60) * (sign == "-" ? -1 : 1), area: area)
    }

    /// The same slot's key for one area of a bulletin.
    public func forArea(_ area: String) -> SlotKey { SlotKey(nominal: nominal, offset: offset, area: area) }

    /// The instant the key names: its wall time read at its offset. For a slot moved out of a gap
    /// that is up to an hour after the slot fired (`2026-03-29T01:30+00:00` is 01:30 UTC; the slot
    /// fired when the gap ended, at 01:00 UTC).
    public var instant: Date { nominal.instant(offset: offset) }

    /// `2026-10-25T01:30+01:00`, or `2026-10-25T01:30+01:00/west` for one area of a bulletin.
    public var description: String {
        let stamp = nominal.description(offset: offset)
        return area.map { "\(stamp)/\($0)" } ?? stamp
    }
}
