public import Foundation

/// What became of one schedule slot: the record that makes each slot fire exactly once.
public struct SlotOutcome: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A message was composed and written to the outbox.
    public static let fired = SlotOutcome(rawValue: "fired")
    /// The slot passed while crier was down, beyond the misfire grace: nothing was sent.
    public static let missed = SlotOutcome(rawValue: "missed")
    /// Nothing new to say since the last bulletin.
    public static let skippedNothingNew = SlotOutcome(rawValue: "skipped: nothing new")
    /// Composed but held (quiet hours, or awaiting approval).
    public static let held = SlotOutcome(rawValue: "held")
    /// A one-off (`at`) whose time had already passed when crier first saw it enabled (new, or
    /// enabled again): never sent, recorded so `status` shows it once rather than dropping it silently.
    public static let passedBeforeEnabled = SlotOutcome(rawValue: "not sent: passed before enabled")

    public var description: String { rawValue }
}

/// One recorded slot of a schedule: what `status` lists and catching up after downtime starts from.
public struct ScheduleSlot: Sendable, Equatable, Codable {
    public var scheduleID: String
    /// The slot's key (`SlotKey`: nominal wall time and the offset of its occurrence, plus `/area`
    /// for a bulletin), unique with the schedule id.
    public var slotKey: String
    public var firedAt: Date
    public var outcome: SlotOutcome
    public var messageID: String?

    public init(scheduleID: String, slotKey: String, firedAt: Date, outcome: SlotOutcome, messageID: String?) {
        self.scheduleID = scheduleID
        self.slotKey = slotKey
        self.firedAt = firedAt
        self.outcome = outcome
        self.messageID = messageID
    }
}
