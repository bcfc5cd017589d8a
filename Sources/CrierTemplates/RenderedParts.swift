public import Foundation

/// A template rendered for one locale: what the email and webhook channels send.
public struct RenderedParts: Sendable, Hashable {
    public var template: String
    /// The locale actually used after fallback (e.g. `pl` for a `pl-PL` request, `en` for an unknown one).
    public var locale: String
    /// One line, trimmed, no CR or LF.
    public var subject: String
    public var text: String
    public var html: String
    /// A valid JSON body for webhooks.
    public var webhook: Data

    /// Creates rendered parts (the library builds these; tests and previews may too).
    public init(template: String, locale: String, subject: String, text: String, html: String, webhook: Data) {
        self.template = template
        self.locale = locale
        self.subject = subject
        self.text = text
        self.html = html
        self.webhook = webhook
    }
}
