import CrierCore
import CrierStore
public import Foundation

/// Adds and lists the news items areas' bulletins carry, for the command line and the partner API.
///
/// It exists so both ways in apply one set of rules (`BulletinItemCheck`) and audit each item
/// with its actor (an operator's name or `partner <id>`) in the transaction that stores it.
public struct BulletinDesk: Sendable {
    let system: CrierSystem

    /// A desk over `system`'s bulletin items.
    public init(system: CrierSystem) {
        self.system = system
    }

    /// Checks and stores `draft` as added by `actor`; throws `BulletinItemError` naming a bad field.
    public func add(_ draft: BulletinItemDraft, actor: String) throws -> BulletinItemListing {
        let now = system.clock.now()
        let item = try BulletinItemCheck.check(draft, configuration: system.configuration, actor: actor, now: now)
        let audit = AuditEntry(
            at: now, actor: actor, action: "bulletin-item-add", subject: "bulletin item for \(item.area)",
            detail: item.title)
        return BulletinItemListing(try system.outbox.addBulletinItem(item, now: now, audit: audit))
    }

    /// The items, of `area` only when given, newest first; an unknown area is refused.
    public func list(area: String?) throws -> [BulletinItemListing] {
        if let area, system.configuration.area(area) == nil {
            throw BulletinItemError(
                field: "area",
                reason:
                    "unknown area \"\(InputText.terminalSafe(area))\" (known: \(system.configuration.areas.map(\.id).joined(separator: ", ")))"
            )
        }
        return try system.outbox.bulletinItems(area: area).map(BulletinItemListing.init)
    }
}

/// A news item as listings and the API show it.
public struct BulletinItemListing: Sendable, Encodable, Equatable {
    public let id: Int64
    public let area: String
    public let title: String
    public let body: String
    public let link: String?
    public let expires: Date?
    public let added: Date
    public let addedBy: String
    /// The bulletin message that carried it; nil while it waits.
    public let carriedBy: String?

    init(_ item: BulletinItem) {
        id = item.id
        area = item.area
        title = item.title
        body = item.body
        link = item.link
        expires = item.expiresAt
        added = item.createdAt
        addedBy = item.addedBy
        carriedBy = item.messageID
    }

    enum CodingKeys: String, CodingKey {
        case id, area, title, body, link, expires, added
        case addedBy = "added_by"
        case carriedBy = "carried_by"
    }
}
