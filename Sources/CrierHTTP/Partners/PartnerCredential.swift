/// One partner allowed to call the API (Neighbourhood Link, a council team), as crier.yml's
/// `partners:` lists it: the SHA-256 of its bearer token, never the token itself.
public struct PartnerCredential: Sendable, Equatable {
    /// The partner's id, recorded as the actor of what it does.
    public var id: String
    /// SHA-256 of the bearer token (32 bytes).
    public var tokenSHA256: [UInt8]
    /// What the token allows.
    public var scopes: Set<PartnerScope>
    /// Residents this partner creates are active at once: it has confirmed them itself (its own
    /// double opt-in). Otherwise they are sent a confirmation first.
    public var confirmsSubscribers: Bool

    /// A credential as configured.
    public init(id: String, tokenSHA256: [UInt8], scopes: Set<PartnerScope>, confirmsSubscribers: Bool = false) {
        self.id = id
        self.tokenSHA256 = tokenSHA256
        self.scopes = scopes
        self.confirmsSubscribers = confirmsSubscribers
    }
}
