import CrierCore
import CrierStore
import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("crier-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A database path inside a not-yet-existing subfolder, so opening must create it.
    var databasePath: String { url.appendingPathComponent("var/crier.sqlite").path }
}

/// Builders for the records the tests write.
enum Fixture {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    static func message(
        _ id: String = "msg_\(UUID().uuidString.prefix(8))", priority: Priority = .normal,
        state: MessageState = .queued,
        at: Date = t0
    ) -> MessageRecord {
        MessageRecord(
            id: id, template: "scam-warning", topic: "scams", areas: ["central"], priority: priority, state: state,
            headline: "Courier fraud in Central", proposedBy: "scheduler", createdAt: at)
    }

    static func webhook(_ endpoint: String, url: String? = nil) -> NewDelivery {
        NewDelivery(
            channel: .webhook, destination: url ?? "https://\(endpoint).example.org/hook", route: endpoint,
            endpointID: endpoint)
    }

    static func email(_ address: String, subscriberID: Int64? = nil) -> NewDelivery {
        NewDelivery(
            channel: .email, destination: address, route: "email", subscriberID: subscriberID,
            recipientName: "Resident", unsubscribeToken: "tok")
    }

    /// Email deliveries to the residents `audience` reaches, in English whatever their locale.
    static func residents(_ audience: SubscriberAudience) -> SubscriberDeliveries {
        SubscriberDeliveries(audience: audience, route: "email", renditionLocales: ["en"])
    }

    static func result(
        _ delivery: DeliveryRecord, _ outcome: DeliveryOutcome, _ action: DeliveryStateMachine.Action,
        at: Date = t0, owner: String = "w"
    ) -> AttemptResult {
        AttemptResult(
            deliveryID: delivery.id, attempt: delivery.attempts + 1, claim: delivery.claims, leaseOwner: owner,
            startedAt: at, finishedAt: at,
            outcome: outcome, action: action)
    }
}
