public import Foundation

/// What one CAP `<info>` block says, in one language.
public struct CAPInfoInput: Sendable, Hashable {
    /// RFC 5646 language tag (`en-GB`, `pl`).
    public var language: String
    /// Category, event, urgency, severity, certainty and response type, from the template's metadata.
    public var cap: CAPInfo
    public var headline: String
    public var description: String
    public var instruction: String
    /// A web page with more about the alert; left out when empty.
    public var web: String
    public var contact: String
    public var senderName: String
    public var expires: Date?

    /// Creates one language's information block; empty strings are left out of the XML.
    public init(
        language: String, cap: CAPInfo, headline: String, description: String, instruction: String = "",
        web: String = "", contact: String = "", senderName: String = "", expires: Date? = nil
    ) {
        self.language = language
        self.cap = cap
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.web = web
        self.contact = contact
        self.senderName = senderName
        self.expires = expires
    }
}
