/// What `POST /api/v1/bounces` needs from the installation: recording one bounce or complaint a
/// partner reports, with the suppression rule applied.
public protocol BounceReceiver: Sendable {
    /// Records a bounce of `kind` (`hard`, `soft`, `complaint`) for `email`, reported by `partner`.
    /// Throws `BounceRejection` naming the bad fields.
    func record(email: String, kind: String, reason: String, partner: String) async throws -> BounceReceipt
}

/// What recording a bounce did.
public struct BounceReceipt: Sendable, Equatable, Encodable {
    /// Why the address is now suppressed, or nil when it is not (a soft bounce under the limit).
    public var suppressed: String?
    /// Soft bounces of the address in the rule's window, this one included.
    public var recentSoftBounces: Int

    public init(suppressed: String?, recentSoftBounces: Int) {
        self.suppressed = suppressed
        self.recentSoftBounces = recentSoftBounces
    }

    enum CodingKeys: String, CodingKey {
        case suppressed
        case recentSoftBounces = "recent_soft_bounces"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(suppressed, forKey: .suppressed)
        try container.encode(recentSoftBounces, forKey: .recentSoftBounces)
    }
}

/// A bounce report the API refuses (400), naming each bad field.
public struct BounceRejection: Error, Sendable, Equatable {
    public var problems: [SignupFieldProblem]

    public init(problems: [SignupFieldProblem]) {
        self.problems = problems
    }
}
