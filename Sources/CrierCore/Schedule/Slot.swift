public import Foundation

/// One firing of a schedule: when to fire, how that reads on the local clock, and the key that
/// makes "each (schedule, slot) fires exactly once" enforceable in the database.
public struct Slot: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How the DST rule moved this slot, if at all.
    public enum Adjustment: String, Sendable, Hashable, Codable {
        /// Fires at its wall time (the first occurrence, in a repeated hour).
        case none
        /// A fixed-hour slot whose wall time was skipped by clocks going forward: fires at the
        /// first valid minute after the gap.
        case movedOutOfGap = "moved-out-of-gap"
        /// The second occurrence of a repeated wall time, for schedules that follow the wall clock.
        case repeatedHour = "repeated-hour"
    }

    /// The instant to fire.
    public let instant: Date
    /// The wall time the schedule named (which may not exist, for a slot moved out of a gap).
    public let nominal: LocalDateTime
    /// The UTC offset (seconds east) that qualifies `nominal` in the key.
    public let nominalOffset: Int
    /// The UTC offset in force at `instant`.
    public let utcOffset: Int
    /// How the DST rule moved this slot, if at all.
    public let adjustment: Adjustment

    /// Rebuilds a slot from its parts (a stored slot, or a test's expectation).
    public init(
        instant: Date, nominal: LocalDateTime, nominalOffset: Int, utcOffset: Int, adjustment: Adjustment = .none
    ) {
        self.instant = instant
        self.nominal = nominal
        self.nominalOffset = nominalOffset
        self.utcOffset = utcOffset
        self.adjustment = adjustment
    }

    init(instant: Int64, nominal: LocalDateTime, nominalOffset: Int, utcOffset: Int, adjustment: Adjustment) {
        self.init(
            instant: Date(timeIntervalSince1970: Double(instant)), nominal: nominal, nominalOffset: nominalOffset,
            utcOffset: utcOffset, adjustment: adjustment)
    }

    /// Stable identity: the nominal wall time with the offset of its occurrence (see `SlotKey`).
    public var slotKey: SlotKey { SlotKey(nominal: nominal, offset: nominalOffset) }

    /// `slotKey` as the outbox records it, e.g. `2026-10-25T01:30+01:00`.
    public var key: String { slotKey.description }

    /// The local wall clock at `instant`, with its offset: `2026-03-29T02:00+01:00`.
    public var localTime: String {
        let epoch = Int64(instant.timeIntervalSince1970.rounded())
        return LocalDateTime(wallSeconds: epoch + Int64(utcOffset)).description(offset: utcOffset)
    }

    /// The local time, plus the adjustment and key when the DST rule moved the slot.
    public var description: String {
        adjustment == .none ? localTime : "\(localTime) (\(adjustment.rawValue), key \(key))"
    }

    /// Slots order by instant, then by key.
    public static func < (lhs: Slot, rhs: Slot) -> Bool {
        lhs.instant != rhs.instant ? lhs.instant < rhs.instant : lhs.nominal < rhs.nominal
    }
}
