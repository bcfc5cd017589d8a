public import Foundation

/// A news item a partner or operator added to one area's bulletin: the next `area-bulletin` of
/// that area carries it beside the advice sent, once, unless it expired first.
public struct BulletinItem: Sendable, Equatable, Codable {
    public var id: Int64
    /// The area whose bulletin carries it.
    public var area: String
    public var title: String
    public var body: String
    /// An `http` or `https` link for more, if any.
    public var link: String?
    /// After this instant no bulletin carries it.
    public var expiresAt: Date?
    public var createdAt: Date
    /// Who added it: an operator's name or `partner <id>`.
    public var addedBy: String
    /// The bulletin message that carried it; nil while it waits for one.
    public var messageID: String?

    public init(
        id: Int64, area: String, title: String, body: String, link: String?, expiresAt: Date?, createdAt: Date,
        addedBy: String, messageID: String?
    ) {
        self.id = id
        self.area = area
        self.title = title
        self.body = body
        self.link = link
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.addedBy = addedBy
        self.messageID = messageID
    }
}

/// A news item as it is added, checked by the caller.
public struct NewBulletinItem: Sendable, Equatable {
    public var area: String
    public var title: String
    public var body: String
    public var link: String?
    public var expiresAt: Date?
    public var addedBy: String

    public init(area: String, title: String, body: String, link: String?, expiresAt: Date?, addedBy: String) {
        self.area = area
        self.title = title
        self.body = body
        self.link = link
        self.expiresAt = expiresAt
        self.addedBy = addedBy
    }
}
