import Foundation

/// A value given to a template variable: text, a yes/no flag for conditional sections, or a list of items.
public enum TemplateValue: Sendable, Hashable, ExpressibleByStringLiteral {
    case text(String)
    case flag(Bool)
    /// Items of a list variable; each item maps the declared field names to text.
    case list([[String: String]])

    public init(stringLiteral value: String) { self = .text(value) }

    /// The value as a Mustache context object, with every string passed through `encode`.
    func mustacheValue(_ encode: (String) -> String) -> Any {
        switch self {
        case .text(let text): encode(text)
        case .flag(let flag): flag
        case .list(let items): items.map { item in item.mapValues(encode) }
        }
    }

    /// Whether the value counts as given for a required variable.
    var isPresent: Bool {
        switch self {
        case .text(let text): !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .flag: true
        case .list: true
        }
    }
}
