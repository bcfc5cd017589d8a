/// Why a time value from a schedule or crier.yml (an `at` time, a window bound, quiet hours,
/// a duration) could not be read, naming the field and the offending text.
public struct TimeSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case malformed(expected: String)
        case noSuchDate
        case outOfRange(String)
        case unknownUnit(String)
        case order(String)
        case tooLarge
    }

    private let kind: Kind
    /// The field the text came from: `at`, `from`, `until`, `start`, `end`, `misfire_grace`, ...
    public let field: String
    /// The text as written.
    public let text: String

    private init(_ kind: Kind, field: String, text: String) {
        self.kind = kind
        self.field = field
        self.text = text
    }

    static func malformed(_ field: String, _ text: String, expected: String) -> TimeSyntaxError {
        TimeSyntaxError(.malformed(expected: expected), field: field, text: text)
    }
    static func noSuchDate(_ field: String, _ text: String) -> TimeSyntaxError {
        TimeSyntaxError(.noSuchDate, field: field, text: text)
    }
    static func outOfRange(_ field: String, _ text: String, _ why: String) -> TimeSyntaxError {
        TimeSyntaxError(.outOfRange(why), field: field, text: text)
    }
    static func unknownUnit(_ field: String, _ text: String, unit: String) -> TimeSyntaxError {
        TimeSyntaxError(.unknownUnit(unit), field: field, text: text)
    }
    static func order(_ field: String, _ text: String, _ why: String) -> TimeSyntaxError {
        TimeSyntaxError(.order(why), field: field, text: text)
    }
    static func tooLarge(_ field: String, _ text: String) -> TimeSyntaxError {
        TimeSyntaxError(.tooLarge, field: field, text: text)
    }

    /// What is wrong, in words a user can act on (without the field and text).
    public var reason: String {
        switch kind {
        case .malformed(let expected): "expected \(expected)"
        case .noSuchDate: "no such date or time on the calendar"
        case .outOfRange(let why): why
        case .unknownUnit(let unit): "unknown unit \"\(unit)\" (use s, m, h or d, e.g. 1h30m)"
        case .order(let why): why
        case .tooLarge: "value is too large"
        }
    }

    /// `at: "2026-02-30T09:00": no such date or time on the calendar`.
    public var description: String { "\(field): \"\(text)\": \(reason)" }
}
