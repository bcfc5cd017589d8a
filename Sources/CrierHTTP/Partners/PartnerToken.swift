import Crypto

/// A new partner bearer token and the SHA-256 crier.yml keeps in its place.
public struct PartnerToken: Sendable {
    /// The token to give the partner (once; it is not stored).
    public let token: String
    /// Lowercase hexadecimal SHA-256 of `token`, for `partners[].token_sha256`.
    public let sha256: String

    /// Hashes `token`.
    public init(token: String) {
        self.token = token
        self.sha256 = SHA256.hash(data: Array(token.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
    }

    /// A fresh token of 256 random bits from the system's secure generator, prefixed `crier_pt_`.
    public static func generate() -> PartnerToken {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let body = String((0..<43).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
        return PartnerToken(token: "crier_pt_" + body)
    }
}
