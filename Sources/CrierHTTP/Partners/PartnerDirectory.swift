import Crypto
import Foundation
public import Hummingbird

/// The partners' bearer tokens, checked on every API request: the presented token is hashed and
/// compared with every configured hash in constant time, so neither timing nor an early match tells
/// a caller anything about the tokens.
public struct PartnerDirectory: Sendable {
    private let credentials: [PartnerCredential]

    /// A directory of `credentials` (crier.yml's `partners:`).
    public init(_ credentials: [PartnerCredential]) {
        self.credentials = credentials
    }

    /// The partner whose token `authorization` (`Bearer TOKEN`) carries, nil when none does.
    public func partner(authorization: String?) -> PartnerCredential? {
        guard let authorization else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let presented = Array(SHA256.hash(data: Array(parts[1].trimmingCharacters(in: .whitespaces).utf8)))
        var found: PartnerCredential?
        for credential in credentials where Self.constantTimeEqual(credential.tokenSHA256, presented) {
            found = credential
        }
        return found
    }

    /// The partner allowed `scope` by `request`'s bearer token; throws 401 (no or unknown token,
    /// with `WWW-Authenticate`) or 403 (a known token without the scope).
    public func require(_ scope: PartnerScope, of request: Request) throws -> PartnerCredential {
        guard let partner = partner(authorization: request.headers[.authorization]) else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"crier\""],
                message: "a partner bearer token is required")
        }
        guard partner.scopes.contains(scope) else {
            throw HTTPError(.forbidden, message: "this token does not have the \(scope.rawValue) scope")
        }
        return partner
    }

    /// Whether two byte strings are equal, taking the same time wherever they differ.
    public static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
