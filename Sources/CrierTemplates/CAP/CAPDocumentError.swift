/// A CAP document could not be built; the message names the field and the value to fix.
public struct CAPDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case invalidToken(field: String, value: String)
        case invalidLanguage(String)
        case missingReferences(identifier: String, msgType: String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    static func invalidToken(field: String, value: String) -> CAPDocumentError {
        CAPDocumentError(.invalidToken(field: field, value: value))
    }

    static func invalidLanguage(_ value: String) -> CAPDocumentError { CAPDocumentError(.invalidLanguage(value)) }

    static func missingReferences(identifier: String, msgType: String) -> CAPDocumentError {
        CAPDocumentError(.missingReferences(identifier: identifier, msgType: msgType))
    }

    public var description: String {
        switch kind {
        case .invalidToken(let field, let value):
            return "CAP \(field) '\(value)' must be non-empty and contain no spaces, commas, '<' or '&'; "
                + "for the sender, set a plain address such as alerts@example.org as cap_sender in crier.yml"
        case .invalidLanguage(let value):
            return "CAP language '\(value)' is not a language tag such as en-GB or pl; check the template's locales"
        case .missingReferences(let identifier, let msgType):
            return "CAP \(msgType) \(identifier) must reference the message it replaces; give the original alert's id"
        }
    }
}
