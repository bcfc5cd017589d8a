/// Why a cron expression was refused, naming the field (`minute`, `hour`, `day-of-month`,
/// `month`, `day-of-week`, or `expression` for the whole), the offending text, and why.
public struct CronSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case fieldCount(found: Int)
        case unknownAlias
        case emptyItem
        case outOfRange(value: Int, range: ClosedRange<Int>)
        case unknownName(allowed: String)
        case notANumber
        case zeroStep
        case reversedRange
        case stepWithoutRange
        case neverFires(String)
    }

    private let kind: Kind
    /// The field at fault: `minute`, `hour`, `day-of-month`, `month`, `day-of-week` or `expression`.
    public let field: String
    /// The offending text (the item or field, or the whole expression for a field-count error).
    public let text: String

    private init(_ kind: Kind, field: String, text: String) {
        self.kind = kind
        self.field = field
        self.text = text
    }

    static func fieldCount(_ text: String, found: Int) -> CronSyntaxError {
        CronSyntaxError(.fieldCount(found: found), field: "expression", text: text)
    }
    static func unknownAlias(_ text: String) -> CronSyntaxError {
        CronSyntaxError(.unknownAlias, field: "expression", text: text)
    }
    static func emptyItem(_ field: String, _ text: String) -> CronSyntaxError {
        CronSyntaxError(.emptyItem, field: field, text: text)
    }
    static func outOfRange(_ field: String, _ text: String, value: Int, range: ClosedRange<Int>) -> CronSyntaxError {
        CronSyntaxError(.outOfRange(value: value, range: range), field: field, text: text)
    }
    static func unknownName(_ field: String, _ text: String, allowed: String) -> CronSyntaxError {
        CronSyntaxError(.unknownName(allowed: allowed), field: field, text: text)
    }
    static func notANumber(_ field: String, _ text: String) -> CronSyntaxError {
        CronSyntaxError(.notANumber, field: field, text: text)
    }
    static func zeroStep(_ field: String, _ text: String) -> CronSyntaxError {
        CronSyntaxError(.zeroStep, field: field, text: text)
    }
    static func reversedRange(_ field: String, _ text: String) -> CronSyntaxError {
        CronSyntaxError(.reversedRange, field: field, text: text)
    }
    static func stepWithoutRange(_ field: String, _ text: String) -> CronSyntaxError {
        CronSyntaxError(.stepWithoutRange, field: field, text: text)
    }
    static func neverFires(_ field: String, _ text: String, _ why: String) -> CronSyntaxError {
        CronSyntaxError(.neverFires(why), field: field, text: text)
    }

    /// What is wrong, in words a user can act on (without the field and text).
    public var reason: String {
        switch kind {
        case .fieldCount(let found):
            "expected 5 fields (minute hour day-of-month month day-of-week), found \(found)"
        case .unknownAlias:
            "unknown alias (use @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually)"
        case .emptyItem: "empty list item (look for a doubled or trailing comma)"
        case .outOfRange(let value, let range):
            "\(value) is out of range \(range.lowerBound)-\(range.upperBound)"
        case .unknownName(let allowed): "unknown name (use \(allowed))"
        case .notANumber: "not a number, name, range or step"
        case .zeroStep: "step must be positive"
        case .reversedRange: "range runs backwards (write the smaller value first)"
        case .stepWithoutRange: "a step applies to * or a range, e.g. */15 or 10-50/10"
        case .neverFires(let why): why
        }
    }

    /// `minute: "61": 61 is out of range 0-59`.
    public var description: String { "\(field): \"\(text)\": \(reason)" }
}
