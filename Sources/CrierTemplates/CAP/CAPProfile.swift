public import Foundation

/// Who publishes the CAP messages and how to reach them: the parts of every document that come from `crier.yml`.
public struct CAPProfile: Sendable, Hashable {
    /// The CAP `sender` (`cap_sender`), e.g. `alerts@example.org`.
    public var sender: String
    /// The `senderName` residents see (`sender.name`).
    public var senderName: String
    public var timeZone: TimeZone
    /// The `web` link; `{id}` is replaced by the message id (e.g. `https://example.org/alerts/{id}`); empty leaves it out.
    public var webURLPattern: String
    /// The `contact` line.
    public var contact: String
    /// The language tag written for the bare `en` locale (CAP's default would otherwise be `en-US`).
    public var englishLanguageTag: String

    /// The contact line used when `crier.yml` gives none.
    public static let defaultContact = "101 (non-emergency) or 999 in an emergency"

    /// Creates a profile.
    public init(
        sender: String, senderName: String, timeZone: TimeZone, webURLPattern: String = "",
        contact: String = CAPProfile.defaultContact, englishLanguageTag: String = "en-GB"
    ) {
        self.sender = sender
        self.senderName = senderName
        self.timeZone = timeZone
        self.webURLPattern = webURLPattern
        self.contact = contact
        self.englishLanguageTag = englishLanguageTag
    }

    /// The `web` value for one message.
    public func web(for identifier: String) -> String {
        webURLPattern.replacingOccurrences(of: "{id}", with: identifier)
    }

    /// The CAP language tag for a template locale: `pl_PL` → `pl-PL`, `en` → `englishLanguageTag`.
    public func languageTag(for locale: String) -> String {
        let tag = locale.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-")
        return tag.lowercased() == "en" ? englishLanguageTag : tag
    }
}
