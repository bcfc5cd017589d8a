import CrierCore
import CrierStore
import CrierTemplates
import CrierTestSupport
import Foundation
import Logging
import Testing

@testable import CrierRuntime

/// Residents imported, a shipped template composed for East NPA, the dispatcher run with the real
/// transports: exactly the right people and partner systems receive it, each in their language.
@Suite("composition delivered to real servers")
struct CompositionDeliveryTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    @Test("East NPA's courier-fraud warning reaches East's subscribers and the matching endpoints, in their locale")
    func eastWarning() async throws {
        let webhook = try await WebhookTestServer(secrets: [Self.secret])
        let smtp = try await SMTPTestServer()
        setenv("CRIER_TEST_NLINK_SECRET", Self.secret, 1)
        let installation = try TestInstallation(
            endpoints: """
                  - { id: nlink, kind: webhook, url: "\(webhook.url("/ok/nlink"))", areas: [city], topics: [all], secret_env: CRIER_TEST_NLINK_SECRET }
                  - { id: west-only, kind: webhook, url: "\(webhook.url("/ok/west"))", areas: [west], topics: [all] }
                  - { id: hate-desk, kind: webhook, url: "\(webhook.url("/ok/hate"))", areas: [city], topics: [hate-crime] }
                  - { id: east-ops, kind: email, address: east-ops@example.org, areas: [east], topics: [scams] }
                """,
            email: """
                email:
                  relay: smtp://127.0.0.1:\(smtp.port)
                  tls: none
                  from: "Safer Leicester Partnership <alerts@example.org>"
                  unsubscribe_url: "https://example.org/unsubscribe/{token}"
                """)
        try installation.importSubscribers(
            """
            email,name,area,topics,locale
            ewa@example.org,Ewa Nowak,east,scams,pl
            ravi@example.org,Ravi Patel,east,all,gu
            eddie@example.org,Eddie Eastman,east,hate-crime,en
            wendy@example.org,Wendy West,west,all,en
            east-ops@example.org,East Ops,east,all,en
            """)
        let composed = try await installation.composer.compose(
            CompositionRequest(
                template: "courier-fraud", areas: ["east"], variables: ["pretend_to_be": "police officers"],
                proposedBy: "test"))
        #expect(
            composed.deliveries == 4, "Ewa, Ravi, east-ops (once, though both a subscriber and an endpoint) and nlink")

        let dispatcher = try installation.system.makeDispatcher(logger: Logger(label: "test"))
        let report = try await dispatcher.run(untilIdle: true)
        #expect(report.delivered == 4)
        let dead = try installation.system.outbox.deliveries(state: .dead, limit: 10).map {
            "\($0.destination): \($0.lastError ?? "")"
        }
        #expect(report.dead == 0, "\(dead)")

        let mails = try smtp.records()
        #expect(Set(mails.flatMap(\.rcptTos)) == ["ewa@example.org", "ravi@example.org", "east-ops@example.org"])
        let parsed = try Dictionary(
            uniqueKeysWithValues: mails.map { ($0.rcptTos[0], try PythonEmailParser.parse(Data($0.data.utf8))) })
        let ewa = try #require(parsed["ewa@example.org"])
        #expect(ewa.subject.contains("kuriera"), "Polish subject: \(ewa.subject)")
        #expect(ewa.toDisplayName == "Ewa Nowak")
        #expect(ewa.listUnsubscribe.hasPrefix("<https://example.org/unsubscribe/"))
        #expect(ewa.listUnsubscribePost == "List-Unsubscribe=One-Click")
        #expect(ewa.defects.isEmpty)
        let text = try #require(ewa.parts.first { $0.contentType == "text/plain" }?.content)
        #expect(text.contains("https://example.org/unsubscribe/"))
        #expect(!text.contains("%%CRIER_"))
        let ravi = try #require(parsed["ravi@example.org"])
        #expect(
            ravi.subject.unicodeScalars.contains { (0x0A80...0x0AFF).contains($0.value) },
            "Gujarati subject: \(ravi.subject)")

        let requests = try webhook.records()
        #expect(requests.map(\.path) == ["/ok/nlink"])
        #expect(requests.first?.signatureOk == true)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(requests[0].body.utf8)) as? [String: Any])
        #expect(body["template"] as? String == "courier-fraud")
    }
}
