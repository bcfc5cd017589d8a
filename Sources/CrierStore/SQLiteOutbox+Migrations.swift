internal import GRDB

extension SQLiteOutbox {
    /// The schema's history. Append-only: a released migration is never edited, only followed.
    ///
    /// Times are REAL unix seconds (UTC) everywhere, so comparisons and orderings are numeric.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-outbox", migrate: createOutbox)
        migrator.registerMigration("v2-subscribers", migrate: createSubscribers)
        migrator.registerMigration("v3-schedule-slots", migrate: createSlots)
        migrator.registerMigration("v4-drop-subscribers-area-index", migrate: dropSubscribersAreaIndex)
        migrator.registerMigration("v5-message-lifecycle", migrate: typeMessageLifecycle)
        migrator.registerMigration("v6-schedule-sightings", migrate: createScheduleSightings)
        migrator.registerMigration("v7-message-cap-classification", migrate: addMessageCAPClassification)
        migrator.registerMigration("v8-fault-claim-counts", migrate: countClaimsApart)
        migrator.registerMigration("v9-input-audit-os-user", migrate: addAuditOSUser)
        migrator.registerMigration("v10-subscriber-token-hash", migrate: addSubscriberTokenHash)
        migrator.registerMigration("v11-suppressions", migrate: createSuppressions)
        migrator.registerMigration("v12-signups", migrate: createSignups)
        migrator.registerMigration("v13-bounces", migrate: createBounces)
        migrator.registerMigration("v15-bulletin-items", migrate: createBulletinItems)
        return migrator
    }

    private static func createOutbox(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE messages (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('alert', 'update', 'cancel')),
                    status TEXT NOT NULL CHECK (status IN ('actual', 'exercise', 'test')),
                    template TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    areas TEXT NOT NULL,
                    priority INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    headline TEXT NOT NULL,
                    "references" TEXT,
                    proposed_by TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    expires_at REAL,
                    variables TEXT NOT NULL DEFAULT '{}'
                );
                CREATE INDEX messages_created ON messages(created_at);

                CREATE TABLE renditions (
                    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
                    locale TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    text_body TEXT NOT NULL,
                    html_body TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    content_type TEXT NOT NULL,
                    PRIMARY KEY (message_id, channel, locale)
                ) WITHOUT ROWID;

                CREATE TABLE deliveries (
                    id INTEGER PRIMARY KEY,
                    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
                    destination TEXT NOT NULL,
                    route TEXT NOT NULL,
                    endpoint_id TEXT,
                    subscriber_id INTEGER,
                    recipient_name TEXT,
                    unsubscribe_token TEXT,
                    locale TEXT NOT NULL,
                    state TEXT NOT NULL
                        CHECK (state IN ('pending', 'leased', 'delivered', 'dead', 'withdrawn')),
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    next_attempt_at REAL NOT NULL,
                    lease_owner TEXT,
                    lease_until REAL,
                    last_error TEXT,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    priority INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    delivered_at REAL,
                    UNIQUE (message_id, channel, destination),
                    CHECK ((state = 'leased') = (lease_until IS NOT NULL))
                );
                CREATE INDEX deliveries_claim ON deliveries(state, route, priority, next_attempt_at);
                CREATE INDEX deliveries_endpoint ON deliveries(endpoint_id, state) WHERE endpoint_id IS NOT NULL;
                CREATE INDEX deliveries_subscriber ON deliveries(subscriber_id) WHERE subscriber_id IS NOT NULL;

                CREATE TABLE attempts (
                    id INTEGER PRIMARY KEY,
                    delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
                    attempt INTEGER NOT NULL,
                    started_at REAL NOT NULL,
                    finished_at REAL NOT NULL,
                    outcome TEXT NOT NULL,
                    detail TEXT NOT NULL
                );
                CREATE INDEX attempts_delivery ON attempts(delivery_id, attempt);

                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    detail TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX audit_log_at ON audit_log(at);

                CREATE TABLE disabled_endpoints (
                    endpoint_id TEXT PRIMARY KEY NOT NULL,
                    reason TEXT NOT NULL,
                    disabled_at REAL NOT NULL
                );
                """)
    }

    private static func createSubscribers(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE subscribers (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    name TEXT NOT NULL DEFAULT '',
                    area TEXT NOT NULL,
                    topics TEXT NOT NULL DEFAULT 'all',
                    locale TEXT NOT NULL DEFAULT 'en',
                    is_test INTEGER NOT NULL DEFAULT 0 CHECK (is_test IN (0, 1)),
                    unsubscribe_token TEXT NOT NULL UNIQUE CHECK (length(unsubscribe_token) >= 32),
                    unsubscribed_at REAL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX subscribers_area ON subscribers(area);
                """)
    }

    private static func createSlots(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE slots (
                    id INTEGER PRIMARY KEY,
                    schedule_id TEXT NOT NULL,
                    slot_key TEXT NOT NULL,
                    fired_at REAL NOT NULL,
                    outcome TEXT NOT NULL,
                    message_id TEXT REFERENCES messages(id) DEFERRABLE INITIALLY DEFERRED,
                    UNIQUE (schedule_id, slot_key)
                );
                CREATE INDEX slots_outcome ON slots(outcome);
                """)
    }

    /// An index on a column with four values (the city's areas) is never worth reading: an area
    /// holds about a quarter of the residents, which a table scan reaches faster than the index
    /// does. Keeping it up to date cost about 40 % of an import.
    private static func dropSubscribersAreaIndex(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX subscribers_area")
    }

    /// One vocabulary for `messages.state`, enforced by a CHECK (`MessageState`), and `released_at`
    /// saying whether a message was ever public. SQLite cannot add a CHECK to a column, so the
    /// table is rebuilt (GRDB runs migrations with foreign keys off and checks them afterwards).
    /// `sending` and `sent` were never stored by the lifecycle (they are read from deliveries) and
    /// become `queued`; everything not held or rejected was released when it was created.
    /// `deliveries.in_reply_to` keeps, for an update or cancellation, the idempotency key of the
    /// original's delivery to the same recipient (an email's `In-Reply-To`).
    private static func typeMessageLifecycle(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE messages_v5 (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('alert', 'update', 'cancel')),
                    status TEXT NOT NULL CHECK (status IN ('actual', 'exercise', 'test')),
                    template TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    areas TEXT NOT NULL,
                    priority INTEGER NOT NULL,
                    state TEXT NOT NULL CHECK (state IN
                        ('awaiting_approval', 'rejected', 'queued', 'superseded', 'cancelled', 'expired')),
                    headline TEXT NOT NULL,
                    "references" TEXT,
                    proposed_by TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    expires_at REAL,
                    variables TEXT NOT NULL DEFAULT '{}',
                    released_at REAL,
                    CHECK (state NOT IN ('awaiting_approval', 'rejected', 'expired') OR released_at IS NULL)
                );
                INSERT INTO messages_v5 (id, kind, status, template, topic, areas, priority, state, headline,
                    "references", proposed_by, created_at, expires_at, variables, released_at)
                SELECT id, kind, status, template, topic, areas, priority,
                    CASE WHEN state IN ('sending', 'sent') THEN 'queued' ELSE state END,
                    headline, "references", proposed_by, created_at, expires_at, variables,
                    CASE WHEN state IN ('awaiting_approval', 'rejected') THEN NULL ELSE created_at END
                FROM messages;
                DROP TABLE messages;
                ALTER TABLE messages_v5 RENAME TO messages;
                CREATE INDEX messages_created ON messages(created_at);
                CREATE INDEX messages_references ON messages("references") WHERE "references" IS NOT NULL;
                ALTER TABLE deliveries ADD COLUMN in_reply_to TEXT;
                """)
    }

    /// When crier first saw each schedule id, and since when it has been enabled: slots before
    /// `enabled_since` are never fired nor recorded as missed (NULL while the schedule is disabled).
    ///
    /// Schedules that already have slot records count as seen, and enabled, since their first record,
    /// so upgrading does not forget the slots missed while crier was down.
    private static func createScheduleSightings(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE schedule_sightings (
                    schedule_id TEXT PRIMARY KEY NOT NULL,
                    first_seen_at REAL NOT NULL,
                    enabled_since REAL CHECK (enabled_since IS NULL OR enabled_since >= first_seen_at),
                    updated_at REAL NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO schedule_sightings (schedule_id, first_seen_at, enabled_since, updated_at)
                    SELECT schedule_id, MIN(fired_at), MIN(fired_at), MIN(fired_at) FROM slots GROUP BY schedule_id;
                """)
    }

    /// The CAP urgency, severity and certainty a message was sent with when they are not its
    /// template's (scheduled reminders); NULL means the template's.
    private static func addMessageCAPClassification(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE messages ADD COLUMN cap_urgency TEXT
                    CHECK (cap_urgency IN ('Immediate', 'Expected', 'Future', 'Past', 'Unknown'));
                ALTER TABLE messages ADD COLUMN cap_severity TEXT
                    CHECK (cap_severity IN ('Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'));
                ALTER TABLE messages ADD COLUMN cap_certainty TEXT
                    CHECK (cap_certainty IN ('Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'));
                """)
    }

    /// The operating-system account beside each audit entry's claimed operator name (NULL for older rows).
    private static func addAuditOSUser(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE audit_log ADD COLUMN os_user TEXT")
    }

    /// The SHA-256 of each subscriber's unsubscribe token, unique and indexed: the web pages find a
    /// resident by it (then compare the token in constant time), never by the token itself.
    /// Existing subscribers get theirs here; new ones on insert.
    private static func addSubscriberTokenHash(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE subscribers ADD COLUMN unsubscribe_token_hash BLOB")
        try backfillUnsubscribeTokenHashes(db)
        try db.execute(
            sql: """
                CREATE UNIQUE INDEX subscribers_unsubscribe_token_hash ON subscribers(unsubscribe_token_hash)
                """)
    }
}
