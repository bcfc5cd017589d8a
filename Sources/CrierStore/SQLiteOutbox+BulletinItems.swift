public import CrierCore
public import Foundation
internal import GRDB

extension SQLiteOutbox {
    /// `v15-bulletin-items`: news items waiting for an area's next bulletin. `message_id` names the
    /// bulletin that carried an item, written in the transaction that records that bulletin, so an
    /// item is carried once whatever restarts happen.
    static func createBulletinItems(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE bulletin_items (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    area TEXT NOT NULL,
                    title TEXT NOT NULL,
                    body TEXT NOT NULL,
                    link TEXT,
                    expires_at REAL,
                    created_at REAL NOT NULL,
                    added_by TEXT NOT NULL,
                    message_id TEXT REFERENCES messages(id) DEFERRABLE INITIALLY DEFERRED
                );
                CREATE INDEX bulletin_items_waiting ON bulletin_items(area, id) WHERE message_id IS NULL;
                """)
    }

    /// Adds a news item and its audit line in one transaction; returns it as stored.
    public func addBulletinItem(_ item: NewBulletinItem, now: Date, audit: AuditEntry) throws -> BulletinItem {
        try write("add a bulletin item for \(item.area)") { db in
            try db.execute(
                sql: """
                    INSERT INTO bulletin_items (area, title, body, link, expires_at, created_at, added_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    item.area, item.title, item.body, item.link, item.expiresAt?.unixSeconds, now.unixSeconds,
                    item.addedBy,
                ])
            let id = db.lastInsertedRowID
            var entry = audit
            entry.subject = "bulletin item \(id) for \(item.area)"
            try insertAudit(entry, db)
            return BulletinItem(
                id: id, area: item.area, title: item.title, body: item.body, link: item.link,
                expiresAt: item.expiresAt, createdAt: now, addedBy: item.addedBy, messageID: nil)
        }
    }

    /// The items `area`'s next bulletin at `at` carries: not carried yet, not expired by then, oldest first.
    public func waitingBulletinItems(area: String, at: Date) throws -> [BulletinItem] {
        try read("read the bulletin items waiting for \(area)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM bulletin_items
                    WHERE area = ? AND message_id IS NULL AND (expires_at IS NULL OR expires_at > ?)
                    ORDER BY id
                    """,
                arguments: [area, at.unixSeconds]
            ).map(bulletinItem)
        }
    }

    /// Every item, of `area` only when given, newest first.
    public func bulletinItems(area: String?) throws -> [BulletinItem] {
        try read("list bulletin items") { db in
            if let area {
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM bulletin_items WHERE area = ? ORDER BY id DESC", arguments: [area]
                ).map(bulletinItem)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM bulletin_items ORDER BY id DESC").map(bulletinItem)
        }
    }

    /// Marks `ids` as carried by `messageID`, inside the transaction that records that message;
    /// an item another bulletin carried already stays with it.
    func markBulletinItems(_ ids: [Int64], carriedBy messageID: String, _ db: Database) throws {
        guard !ids.isEmpty else { return }
        let placeholders = ids.map { _ in "?" }.joined(separator: ", ")
        let values: [any DatabaseValueConvertible] = [messageID] + ids
        try db.execute(
            sql: "UPDATE bulletin_items SET message_id = ? WHERE message_id IS NULL AND id IN (\(placeholders))",
            arguments: StatementArguments(values))
    }

    private func bulletinItem(_ row: Row) -> BulletinItem {
        let expires: Double? = row["expires_at"]
        return BulletinItem(
            id: row["id"], area: row["area"], title: row["title"], body: row["body"], link: row["link"],
            expiresAt: expires.map(Date.init(unixSeconds:)), createdAt: Date(unixSeconds: row["created_at"]),
            addedBy: row["added_by"], messageID: row["message_id"])
    }
}
