import CrierTemplates

extension TemplateValue {
    /// The value as JSONSerialization takes it, for storing a message's variables.
    var jsonValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .list(let items): items
        }
    }

    /// Reads a stored message's variables back (for updates, which start from the original's).
    static func fromJSON(_ value: Any) -> TemplateValue? {
        switch value {
        case let text as String: .text(text)
        case let flag as Bool: .flag(flag)
        case let items as [[String: String]]: .list(items)
        default: nil
        }
    }
}
