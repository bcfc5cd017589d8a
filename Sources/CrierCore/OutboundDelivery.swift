public import Foundation

/// One prepared delivery: everything a transport needs to send one message to one destination.
///
/// The bytes are fixed when the message is composed, so every retry sends the same content under
/// the same `idempotencyKey` (the `webhook-id` header, the `Message-ID` of an email).
public struct OutboundDelivery: Sendable, Equatable {
    /// The outbox row this delivery comes from.
    public var deliveryID: Int64
    /// The message this delivery carries.
    public var messageID: String
    /// Stable across retries: `webhook-id` for webhooks, the local part of `Message-ID` for email.
    public var idempotencyKey: String
    public var channel: Channel
    /// A URL (webhook) or an email address.
    public var destination: String
    /// The fixed endpoint this goes to, when it is one of crier.yml's endpoints.
    public var endpointID: String?
    /// The recipient's display name, for an email's `To` header.
    public var recipientName: String?
    /// The unsubscribe link for a resident's email, used in the body and `List-Unsubscribe`.
    public var unsubscribeURL: String?
    /// Which try this is, from 1.
    public var attempt: Int
    /// When the message was composed (the email `Date` header uses it, so retries are identical).
    public var composedAt: Date
    /// Email subject line (already prefixed for tests and exercises).
    public var subject: String
    /// Plain-text email body.
    public var textBody: String
    /// HTML email body.
    public var htmlBody: String
    /// Webhook request body.
    public var payload: Data
    /// Webhook request content type (`application/json`, `application/cap+xml`).
    public var payloadContentType: String
    /// The idempotency key of the earlier delivery to this recipient that this one follows up
    /// (an update or cancellation): an email's `In-Reply-To` and `References`.
    public var inReplyTo: String?

    public init(
        deliveryID: Int64, messageID: String, idempotencyKey: String, channel: Channel,
        destination: String, endpointID: String? = nil, recipientName: String? = nil,
        unsubscribeURL: String? = nil, attempt: Int = 1, composedAt: Date,
        subject: String = "", textBody: String = "", htmlBody: String = "",
        payload: Data = Data(), payloadContentType: String = "application/json", inReplyTo: String? = nil
    ) {
        self.inReplyTo = inReplyTo
        self.deliveryID = deliveryID
        self.messageID = messageID
        self.idempotencyKey = idempotencyKey
        self.channel = channel
        self.destination = destination
        self.endpointID = endpointID
        self.recipientName = recipientName
        self.unsubscribeURL = unsubscribeURL
        self.attempt = attempt
        self.composedAt = composedAt
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.payload = payload
        self.payloadContentType = payloadContentType
    }
}
