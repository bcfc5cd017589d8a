import Crypto
public import Foundation

/// Why a webhook signing secret cannot be used.
public struct WebhookSignerError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Reason: Sendable, Equatable {
        case noSecrets
        case notBase64(index: Int)
        case empty(index: Int)
        case length(index: Int, bytes: Int)
    }

    private let kind: Reason

    public var description: String {
        switch kind {
        case .noSecrets:
            "no webhook signing secret given; set one (whsec_<base64>)"
        case .notBase64(let index):
            "webhook signing secret #\(index + 1) is not valid base64 after the whsec_ prefix"
        case .empty(let index):
            "webhook signing secret #\(index + 1) is empty"
        case .length(let index, let bytes):
            "webhook signing secret #\(index + 1) decodes to \(bytes) bytes; Standard Webhooks secrets are "
                + "\(WebhookSigner.keyBytes.lowerBound) to \(WebhookSigner.keyBytes.upperBound) bytes"
        }
    }

    static let noSecrets = Self(kind: .noSecrets)
    static func notBase64(_ index: Int) -> Self { Self(kind: .notBase64(index: index)) }
    static func empty(_ index: Int) -> Self { Self(kind: .empty(index: index)) }
    static func length(_ index: Int, _ bytes: Int) -> Self { Self(kind: .length(index: index, bytes: bytes)) }

    /// The same problem described without the secret's position, for a message that names its variable.
    public var reason: String {
        switch kind {
        case .noSecrets: "no secret given (whsec_<base64>)"
        case .notBase64: "not valid base64 after the whsec_ prefix"
        case .empty: "empty after the whsec_ prefix"
        case .length(_, let bytes):
            "decodes to \(bytes) bytes; Standard Webhooks secrets are "
                + "\(WebhookSigner.keyBytes.lowerBound) to \(WebhookSigner.keyBytes.upperBound) bytes"
        }
    }
}

/// Signs webhook requests as the Standard Webhooks specification says, so partners can verify them.
///
/// The signed content is `"\(id).\(timestamp).\(body)"`; each secret (`whsec_<base64>`) gives one
/// `v1,<base64 HMAC-SHA256>` and several (during a key rotation) are joined with spaces.
public struct WebhookSigner: Sendable {
    private let keys: [SymmetricKey]

    /// How long a decoded secret may be, in bytes (Standard Webhooks: 24 to 64).
    public static let keyBytes = 24...64

    /// Makes a signer from one or more `whsec_...` secrets (the prefix is optional).
    public init(secrets: [String]) throws(WebhookSignerError) {
        guard !secrets.isEmpty else { throw .noSecrets }
        var keys: [SymmetricKey] = []
        for (index, secret) in secrets.enumerated() {
            let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
            guard !encoded.isEmpty else { throw .empty(index) }
            guard let bytes = Data(base64Encoded: encoded) else { throw .notBase64(index) }
            guard Self.keyBytes.contains(bytes.count) else { throw .length(index, bytes.count) }
            keys.append(SymmetricKey(data: bytes))
        }
        self.keys = keys
    }

    /// The `webhook-signature` header value for one request.
    public func signature(id: String, timestamp: Int, body: Data) -> String {
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        return keys.map { key in
            let mac = HMAC<SHA256>.authenticationCode(for: content, using: key)
            return "v1," + Data(mac).base64EncodedString()
        }.joined(separator: " ")
    }
}
