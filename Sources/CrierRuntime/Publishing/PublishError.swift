/// Publishing failed; the message names the file or message and what to do.
public struct PublishError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case writeFailed(path: String, reason: String)
        case invalidCAP(messageID: String, reason: String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    static func writeFailed(path: String, reason: String) -> PublishError {
        PublishError(.writeFailed(path: path, reason: reason))
    }

    static func invalidCAP(messageID: String, reason: String) -> PublishError {
        PublishError(.invalidCAP(messageID: messageID, reason: reason))
    }

    public var description: String {
        switch kind {
        case .writeFailed(let path, let reason):
            "cannot write \(path): \(reason); check that the publish folder exists and is writable"
        case .invalidCAP(let messageID, let reason):
            "message \(messageID) cannot be published as CAP: \(reason)"
        }
    }
}
