internal import GRDB

extension SQLiteOutbox {
    /// `v8-fault-claim-counts`: claims are counted apart from answered attempts.
    ///
    /// Until now `attempts` grew at every claim, so each crash spent one of the delivery's retries.
    /// From here `claims` is the claim number (it fences results to the claim they ran under, with
    /// the lease owner), `attempts` counts answered attempts only, and `claims_without_outcome`
    /// counts claims since the last outcome whose process died. Existing rows keep their claim
    /// number; their answered attempts are the attempts recorded, at most the old count.
    static func countClaimsApart(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE deliveries ADD COLUMN claims INTEGER NOT NULL DEFAULT 0 CHECK (claims >= 0);
                ALTER TABLE deliveries ADD COLUMN claims_without_outcome INTEGER NOT NULL DEFAULT 0
                    CHECK (claims_without_outcome >= 0);
                UPDATE deliveries SET
                    claims = attempts,
                    attempts = MIN(attempts, (SELECT COUNT(*) FROM attempts WHERE attempts.delivery_id = deliveries.id));
                """)
    }
}
