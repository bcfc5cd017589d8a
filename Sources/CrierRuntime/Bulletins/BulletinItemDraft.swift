/// A news item as given, before it is checked: from `crier bulletin add` or a partner's request.
public struct BulletinItemDraft: Sendable, Equatable {
    public var area: String
    public var title: String
    public var body: String
    public var link: String?
    /// An RFC 3339 time (`2026-12-01T18:00:00Z`) or a date (`2026-12-01`, meaning the end of that
    /// day in the installation's zone).
    public var expires: String?

    /// A draft from its parts.
    public init(area: String, title: String, body: String, link: String? = nil, expires: String? = nil) {
        self.area = area
        self.title = title
        self.body = body
        self.link = link
        self.expires = expires
    }
}
