/// Why an email could not be built: a header value or address that would corrupt the message.
public struct EmailMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Problem: Sendable, Equatable {
        case lineBreak
        case controlCharacter
        case invalidAddress(String)
        case empty
    }

    /// The header or address the problem is in (`Subject`, `To`, `From`, ...).
    public let field: String
    private let problem: Problem

    static func lineBreak(_ field: String) -> Self { Self(field: field, problem: .lineBreak) }
    static func controlCharacter(_ field: String) -> Self { Self(field: field, problem: .controlCharacter) }
    static func invalidAddress(_ field: String, _ why: String) -> Self {
        Self(field: field, problem: .invalidAddress(why))
    }
    static func empty(_ field: String) -> Self { Self(field: field, problem: .empty) }

    /// True when the value was refused because it contains CR or LF (header injection).
    public var isLineBreak: Bool { problem == .lineBreak }

    /// What is wrong, without naming the field (for messages that name it their own way).
    public var reason: String {
        switch problem {
        case .lineBreak: "it contains a line break"
        case .controlCharacter: "it contains a control character or a bidirectional override"
        case .invalidAddress(let why): why
        case .empty: "it is empty"
        }
    }

    public var description: String {
        switch problem {
        case .lineBreak:
            "\(field) contains a line break (CR or LF); refused to prevent header injection"
        case .controlCharacter:
            "\(field) contains a control character or a bidirectional override; remove it"
        case .invalidAddress(let why):
            "\(field) is not a usable email address: \(why)"
        case .empty:
            "\(field) is empty"
        }
    }
}
