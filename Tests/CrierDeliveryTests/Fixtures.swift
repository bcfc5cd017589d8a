import CrierCore
import Foundation

/// Deliveries and secrets the delivery tests share.
enum Sample {
    static let composedAt = Date(timeIntervalSince1970: 1_795_694_400)  // Thu, 26 Nov 2026 12:00:00 UTC
    static let polishSubject = "Uwaga: oszuści podszywają się pod kurierów 📦"
    static let secretA = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let secretB = "whsec_" + Data((0..<32).map { UInt8($0 * 7 % 251) }).base64EncodedString()

    static func email(
        to address: String = "resident@example.net", name: String? = "Zofia Wójcik", subject: String = polishSubject,
        key: String = "dlv_0001", unsubscribe: String? = "https://example.org/unsubscribe/tok123"
    ) -> OutboundDelivery {
        OutboundDelivery(
            deliveryID: 1, messageID: "msg_1", idempotencyKey: key, channel: .email, destination: address,
            recipientName: name, unsubscribeURL: unsubscribe, composedAt: composedAt, subject: subject,
            textBody:
                "Dzień dobry,\nnie klikaj w linki w SMS-ach o dopłacie do przesyłki. 📦\n\nRead more: https://example.org/advice/scams/parcel-delivery-texts-with-a-very-long-path-that-needs-soft-breaks\n",
            htmlBody: "<p>Dzień dobry,</p>\n<p>nie klikaj w linki w SMS-ach o dopłacie do przesyłki. 📦</p>")
    }

    static func webhook(url: String, key: String = "msg_hook_1", endpoint: String = "partner") -> OutboundDelivery {
        OutboundDelivery(
            deliveryID: 2, messageID: "msg_1", idempotencyKey: key, channel: .webhook, destination: url,
            endpointID: endpoint, composedAt: composedAt,
            payload: Data("{\"headline\":\"Uwaga: oszuści\",\"areas\":[\"central\"],\"n\":1}".utf8),
            payloadContentType: "application/json")
    }
}
