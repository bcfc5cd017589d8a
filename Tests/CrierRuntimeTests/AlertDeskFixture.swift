import CrierCore
import CrierStore
import CrierTemplates
import CrierTestSupport
import Foundation

@testable import CrierRuntime

/// A desk over a fresh installation: a crier.yml in a temporary folder, the shipped templates,
/// a manual clock, residents in East and Central NPA (one flagged as a test recipient) and two webhooks.
struct AlertDeskFixture {
    let desk: AlertDesk
    let clock: ManualClock
    let directory: URL

    var outbox: SQLiteOutbox { desk.system.outbox }

    /// `extraYAML` is appended to crier.yml (more keys); `extraEndpoints` are more endpoint lines.
    init(approvals: Bool = true, extraEndpoints: [String] = [], extraYAML: String = "") throws {
        directory = try TestPaths.makeTemporaryDirectory(prefix: "crier-alerts")
        let templates = TestPaths.repositoryRoot.appendingPathComponent("templates").path
        let yaml = """
            timezone: Europe/London
            database: crier.sqlite
            templates: "\(templates)"
            sender: { name: Safer Leicester Partnership, email: alerts@example.org }
            areas:
              - { id: west, name: West NPA }
              - { id: central, name: Central NPA }
              - { id: south, name: South NPA }
              - { id: east, name: East NPA }
            topics: [cyber-crime, scams, hate-crime, knife-crime, night-time-economy, domestic-abuse,
                     exploitation, street-lifestyle, asb, extremism, organised-crime, road-safety]
            email: { relay: "smtp://127.0.0.1:2525", tls: none, from: "Alerts <alerts@example.org>" }
            endpoints:
              - { id: partner, kind: webhook, url: "http://127.0.0.1:9/partner", areas: [city], topics: [all] }
              - { id: test-hook, kind: webhook, url: "http://127.0.0.1:9/test", areas: [east], topics: [all], test: true }
            \(extraEndpoints.map { "  - \($0)" }.joined(separator: "\n"))
            network: { allow_private: true }
            approvals: { actual: \(approvals) }
            \(extraYAML)
            """
        let file = directory.appendingPathComponent("crier.yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        clock = ManualClock(Date(timeIntervalSince1970: 1_795_710_000))
        let system = try CrierSystem.open(configuration: file, clock: clock)
        desk = try AlertDesk(system: system)
        try system.outbox.upsertSubscribers(
            [
                SubscriberInput(email: "ada@example.org", name: "Ada", area: "east"),
                SubscriberInput(email: "bob@example.org", name: "Bob", area: "east"),
                SubscriberInput(email: "cy@example.org", name: "Cy", area: "east", isTest: true),
                SubscriberInput(email: "dee@example.org", name: "Dee", area: "central"),
            ], now: clock.now())
    }

    static let warning: [String: TemplateValue] = [
        "headline": "Fake couriers calling in Evington",
        "description": "Callers claim to be police and send a courier for your card.",
        "instruction": "Hang up. Call 101.",
    ]

    func request(
        status: AlertStatus = .actual, areas: [String] = ["east"], variables: [String: TemplateValue] = warning,
        template: String = "urgent-warning", operatorName: String = "alice", expiresIn: TimeInterval? = nil
    ) -> AlertRequest {
        AlertRequest(
            template: template, areas: areas, variables: variables, status: status, expiresIn: expiresIn,
            operatorName: operatorName)
    }

    /// Claims up to `limit` due deliveries of `route` and records the first `deliver` of them as delivered.
    ///
    /// Each call is a worker of its own (an owner never takes over its own lease), so the claims
    /// left unrecorded are those of a worker that died.
    @discardableResult
    func deliver(route: String, claim limit: Int, deliver count: Int) async throws -> [DeliveryRecord] {
        let now = clock.now()
        let owner = "test-\(UUID().uuidString.prefix(8))"
        let claimed = try await outbox.claim(route: route, limit: limit, now: now, lease: 60, owner: owner)
        let results = claimed.prefix(count).map { record in
            AttemptResult(
                deliveryID: record.id, attempt: record.attempts + 1, claim: record.claims, leaseOwner: owner,
                startedAt: now, finishedAt: now,
                outcome: .delivered(detail: "250 ok"), action: .markDelivered)
        }
        try await outbox.record(Array(results))
        return claimed
    }

    func messageCount() throws -> Int { try outbox.messages(limit: 1_000).count }

    func actions(of subject: String) throws -> [String] { try outbox.audit(subject: subject).map(\.action) }
}
