public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// Records a schedule slot and enqueues its message to fixed deliveries plus a subscriber
    /// audience, in one transaction. Returns the deliveries written, or nil (nothing written) if
    /// the slot was already recorded. The bulletin items `carrying` lists are marked as carried by
    /// the message in the same transaction.
    public func recordSlot(
        scheduleID: String, slotKey: String, outcome: SlotOutcome, at: Date, message: MessageRecord,
        renditions: [Rendition], fixedDeliveries: [NewDelivery], subscribers: SubscriberDeliveries?,
        carrying bulletinItems: [Int64] = []
    ) async throws -> Int? {
        try await write("record slot \(scheduleID) \(slotKey)") { [self] db in
            guard
                try insertSlot(db, scheduleID: scheduleID, slotKey: slotKey, outcome: outcome, at: at, message: message)
            else { return nil }
            try insertMessage(db, message, renditions: renditions, now: at)
            try markBulletinItems(bulletinItems, carriedBy: message.id, db)
            return try insertDeliveries(
                db, of: message, fixedDeliveries: fixedDeliveries, subscribers: subscribers, now: at)
        }
    }

    /// Inserts the slot row first (its message follows in the same transaction; the foreign key is
    /// checked at commit); false when the slot exists already, before anything is written.
    func insertSlot(
        _ db: Database, scheduleID: String, slotKey: String, outcome: SlotOutcome, at: Date, message: MessageRecord?
    ) throws -> Bool {
        try db.execute(
            sql: """
                INSERT INTO slots (schedule_id, slot_key, fired_at, outcome, message_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (schedule_id, slot_key) DO NOTHING
                """,
            arguments: [scheduleID, slotKey, at.unixSeconds, outcome.rawValue, message?.id])
        return db.changesCount == 1
    }

    /// Records a slot that sends nothing (missed, skipped, passed before enabled), without blocking
    /// a thread of the caller's: false, writing nothing, when the slot was already recorded.
    public func recordSlot(_ slotKey: String, of scheduleID: String, outcome: SlotOutcome, at: Date) async throws
        -> Bool
    {
        try await write("record slot \(scheduleID) \(slotKey)") { [self] db in
            try insertSlot(db, scheduleID: scheduleID, slotKey: slotKey, outcome: outcome, at: at, message: nil)
        }
    }

    /// The schedule's greatest slot key (keys order as wall time, not time, inside a repeated hour:
    /// see `SlotKey`), where catching up after downtime starts.
    public func lastSlot(scheduleID: String) throws -> ScheduleSlot? {
        try read("read the last slot of \(scheduleID)") { db in try Self.lastSlot(db, scheduleID: scheduleID) }
    }

    /// The key of `lastSlot(scheduleID:)`, read without blocking a thread of the caller's.
    public func lastSlotKey(of scheduleID: String) async throws -> String? {
        try await read("read the last slot of \(scheduleID)") { db in
            try Self.lastSlot(db, scheduleID: scheduleID)?.slotKey
        }
    }

    private static func lastSlot(_ db: Database, scheduleID: String) throws -> ScheduleSlot? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM slots WHERE schedule_id = ? ORDER BY slot_key DESC LIMIT 1", arguments: [scheduleID]
        ).map(scheduleSlot)
    }

    /// Recorded slots, oldest first, optionally only those with `outcome`, for `status`.
    public func slots(outcome: SlotOutcome?) throws -> [ScheduleSlot] {
        try read("list slots") { db in
            let rows: [Row]
            if let outcome {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM slots WHERE outcome = ? ORDER BY slot_key, schedule_id",
                    arguments: [outcome.rawValue])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM slots ORDER BY slot_key, schedule_id")
            }
            return rows.map(Self.scheduleSlot)
        }
    }

    static func scheduleSlot(_ row: Row) -> ScheduleSlot {
        ScheduleSlot(
            scheduleID: row["schedule_id"], slotKey: row["slot_key"], firedAt: Date(unixSeconds: row["fired_at"]),
            outcome: SlotOutcome(rawValue: row["outcome"]), messageID: row["message_id"])
    }
}
