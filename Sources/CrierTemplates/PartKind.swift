/// The parts a template renders: a subject line, a plain-text body, an HTML body and a webhook JSON body.
public enum PartKind: String, Sendable, Hashable, CaseIterable {
    case subject
    case text
    case html
    case webhook

    /// Parts every template must provide in `en`; `webhook` is optional (a default JSON body is built).
    static let required: [PartKind] = [.subject, .text, .html]

    /// Source prepended when compiling, so escaping follows the part kind and not the author's memory.
    var compilePrefix: String {
        self == .html ? "" : "{{% CONTENT_TYPE: TEXT}}"
    }
}
