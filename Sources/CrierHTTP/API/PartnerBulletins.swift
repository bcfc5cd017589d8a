public import Foundation

/// A partner's news item for one area's next bulletin (`POST /api/v1/areas/{area}/bulletin-items`).
public struct BulletinItemSubmission: Sendable, Equatable {
    public var area: String
    public var title: String
    public var body: String
    public var link: String?
    /// RFC 3339 time or `YYYY-MM-DD`.
    public var expires: String?

    /// A submission from its parts.
    public init(area: String, title: String, body: String, link: String?, expires: String?) {
        self.area = area
        self.title = title
        self.body = body
        self.link = link
        self.expires = expires
    }
}

/// A stored news item, as the API answers a submission.
public struct BulletinItemReceipt: Sendable, Equatable, Encodable {
    public var id: Int64
    public var area: String
    public var title: String
    public var link: String?
    public var expires: Date?
    /// `waiting` until a bulletin carries it.
    public var status: String

    /// A receipt from its parts.
    public init(id: Int64, area: String, title: String, link: String?, expires: Date?, status: String) {
        self.id = id
        self.area = area
        self.title = title
        self.link = link
        self.expires = expires
        self.status = status
    }
}

/// Takes partners' news items for areas' bulletins; Runtime implements it with the same checks and
/// audit as `crier bulletin add`.
public protocol BulletinItemIntake: Sendable {
    /// Checks and stores `submission` as added by `partner`; throws `APIError` naming a bad field.
    func add(_ submission: BulletinItemSubmission, by partner: PartnerCredential) async throws -> BulletinItemReceipt
}
