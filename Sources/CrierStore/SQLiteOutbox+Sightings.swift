public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// Records that the scheduler sees `scheduleID`, `enabled` or not, at `at`, and returns the
    /// record with whether its `enabledSince` began at this sighting (first seen enabled, or
    /// enabled again after being seen disabled).
    ///
    /// The first sighting of an id is kept for ever; later ones only move `enabledSince`.
    public func sightSchedule(
        _ scheduleID: String, enabled: Bool, at: Date
    ) throws -> (sighting: ScheduleSighting, enabledNow: Bool) {
        try write("record that schedule \(scheduleID) was seen") { db in
            try Self.sight(db, scheduleID: scheduleID, enabled: enabled, at: at)
        }
    }

    /// `sightSchedule` without blocking a thread of the caller's; returns the sighting.
    public func noteSighting(of scheduleID: String, enabled: Bool, at: Date) async throws -> ScheduleSighting {
        try await write("record that schedule \(scheduleID) was seen") { db in
            try Self.sight(db, scheduleID: scheduleID, enabled: enabled, at: at).sighting
        }
    }

    private static func sight(_ db: Database, scheduleID: String, enabled: Bool, at: Date) throws -> (
        sighting: ScheduleSighting, enabledNow: Bool
    ) {
        let now = at.unixSeconds
        try db.execute(
            sql: """
                INSERT INTO schedule_sightings (schedule_id, first_seen_at, enabled_since, updated_at)
                VALUES (?, ?, ?, ?) ON CONFLICT (schedule_id) DO NOTHING
                """,
            arguments: [scheduleID, now, enabled ? now : nil, now])
        var enabledNow = db.changesCount == 1 && enabled
        if db.changesCount == 0, enabled {
            try db.execute(
                sql: """
                    UPDATE schedule_sightings SET enabled_since = MAX(?, first_seen_at), updated_at = ?
                    WHERE schedule_id = ? AND enabled_since IS NULL
                    """,
                arguments: [now, now, scheduleID])
            enabledNow = db.changesCount == 1
        } else if db.changesCount == 0 {
            try db.execute(
                sql: """
                    UPDATE schedule_sightings SET enabled_since = NULL, updated_at = ?
                    WHERE schedule_id = ? AND enabled_since IS NOT NULL
                    """,
                arguments: [now, scheduleID])
        }
        let row = try Row.fetchOne(
            db, sql: "SELECT * FROM schedule_sightings WHERE schedule_id = ?", arguments: [scheduleID])
        let sighting =
            row.map(Self.scheduleSighting)
            ?? ScheduleSighting(scheduleID: scheduleID, firstSeenAt: at, enabledSince: enabled ? at : nil)
        return (sighting, enabledNow)
    }

    /// Every schedule id the scheduler has seen, by id (for `crier plan` and `crier status`).
    public func scheduleSightings() throws -> [String: ScheduleSighting] {
        try read("list schedule sightings") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM schedule_sightings")
            return Dictionary(
                uniqueKeysWithValues: rows.map { row in (row["schedule_id"], Self.scheduleSighting(row)) })
        }
    }

    private static func scheduleSighting(_ row: Row) -> ScheduleSighting {
        let enabled: Double? = row["enabled_since"]
        return ScheduleSighting(
            scheduleID: row["schedule_id"], firstSeenAt: Date(unixSeconds: row["first_seen_at"]),
            enabledSince: enabled.map(Date.init(unixSeconds:)))
    }
}
