/// What a partner's bearer token allows: each API route asks for one scope.
public enum PartnerScope: String, Sendable, CaseIterable, Hashable {
    /// Create, update and remove residents (`PUT`/`DELETE /api/v1/subscribers/{email}`).
    case subscribersWrite = "subscribers:write"
    /// Add news items to an area's bulletin (`POST /api/v1/areas/{area}/bulletin-items`).
    case bulletinsWrite = "bulletins:write"
    /// Read current alerts (`GET /api/v1/alerts`).
    case alertsRead = "alerts:read"
    /// Report bounces and complaints (`POST /api/v1/bounces`).
    case bouncesWrite = "bounces:write"
}
