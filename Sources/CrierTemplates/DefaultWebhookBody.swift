import Foundation

/// The JSON body sent to webhooks when a template has no `webhook.<locale>.mustache` part.
struct DefaultWebhookBody: Encodable {
    struct Area: Encodable {
        var id: String
        var name: String
    }

    var template: String
    var topic: String
    var title: String
    var headline: String
    var description: String
    var instruction: String?
    var areas: [Area]
    var locale: String
    var status: String
    var msgType: String
    var id: String
    /// The id of the message an update or cancellation refers to; absent for a new alert.
    var references: String?
    var sender: String
    var sent: String
    var category: String
    var event: String
    var urgency: String
    var severity: String
    var certainty: String
    var responseType: String
    /// For an update: the variables it corrects.
    var changed: [String]?

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
