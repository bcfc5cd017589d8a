public import Foundation

/// One earlier message an Update or Cancel refers to: CAP's `sender,identifier,sent` triple.
public struct CAPReference: Sendable, Hashable {
    public var sender: String
    public var identifier: String
    /// When the referenced message was sent; written in the referring document's time zone.
    public var sent: Date

    /// Creates a reference to an earlier message.
    public init(sender: String, identifier: String, sent: Date) {
        self.sender = sender
        self.identifier = identifier
        self.sent = sent
    }

    /// The triple as CAP writes it (`sender,identifier,sent`).
    public func text(in timeZone: TimeZone) -> String {
        "\(sender),\(identifier),\(CAPTime.string(sent, in: timeZone))"
    }
}
