import CrierCore
import CrierStore
import CrierTestSupport
import Foundation
import Testing

/// The network policy as `crier run` applies it, against real servers.
///
/// Addresses other than loopback exist only inside two network namespaces the test makes (see
/// `NetworkNamespaces`), so no packet leaves this machine; names resolve through a hosts file that
/// only crier's own mount namespace sees.
@Suite("network policy end to end", .serialized)
struct NetworkPolicyEndToEndTests {
    /// One installation in a temporary folder, with one message whose deliveries the test chooses.
    struct Installation {
        let directory: URL
        let config: URL

        init(_ body: String) throws {
            let site = try InstallationFolder(
                prefix: "crier-netpol",
                """
                retry: { schedule: [1s], jitter: 0 }
                dispatch: { connect_timeout: 3s, request_timeout: 10s }
                \(body)
                """)
            directory = site.directory
            config = site.config
        }

        func outbox() throws -> SQLiteOutbox {
            try SQLiteOutbox(path: directory.appendingPathComponent("var/crier.sqlite").path)
        }

        /// Commits one message with a webhook delivery per `(endpoint id, url)` and an email per address.
        func enqueue(webhooks: [(String, String)] = [], emails: [String] = []) async throws {
            let now = Date()
            let message = MessageRecord(
                id: "msg_netpol_\(UUID().uuidString.prefix(8))", template: "urgent-warning", topic: "scams",
                areas: ["east"], priority: .urgent, headline: "Courier fraud in East NPA", proposedBy: "test",
                createdAt: now)
            let renditions = [
                Rendition(
                    messageID: message.id, channel: .webhook, locale: "en",
                    payload: Data(#"{"headline":"Courier fraud in East NPA"}"#.utf8)),
                Rendition(
                    messageID: message.id, channel: .email, locale: "en", subject: "Courier fraud",
                    textBody: "Hang up.\n\(Personalisation.unsubscribeURLMarker)\n", htmlBody: "<p>Hang up.</p>"),
            ]
            let deliveries =
                webhooks.map { NewDelivery(channel: .webhook, destination: $0.1, route: $0.0, endpointID: $0.0) }
                + emails.enumerated().map {
                    NewDelivery(
                        channel: .email, destination: $0.element, route: "email", subscriberID: Int64($0.offset),
                        unsubscribeToken: "token\($0.offset)")
                }
            try await outbox().enqueue(message, renditions: renditions, deliveries: deliveries, now: now)
        }

        /// `crier run --until-idle`, through `launcher` when given.
        func run(environment: [String: String] = [:], launcher: [String] = []) async throws -> CrierBinary.Result {
            try await CrierBinary.run(
                ["run", "--config", config.path, "--until-idle"], environment: environment, directory: directory,
                timeout: 60, launcher: launcher)
        }

        /// Each delivery's state and last error, by destination.
        func outcomes() throws -> [String: (state: DeliveryState, error: String)] {
            var result: [String: (state: DeliveryState, error: String)] = [:]
            for record in try outbox().deliveries(state: nil, limit: 100) {
                result[record.destination] = (record.state, record.lastError ?? "")
            }
            return result
        }
    }

    @Test(
        "tls: none to a relay named 127.something that resolves off loopback: refused before any byte, AUTH never sent",
        .enabled(if: NetworkNamespaces.isAvailable, "needs root to make network namespaces"))
    func plainTextRelayOffLoopback() async throws {
        let namespaces = try NetworkNamespaces()
        let relay = try await SMTPTestServer(
            auth: "crier:hunter2", host: NetworkNamespaces.linkAddress, namespace: namespaces.server)
        let installation = try Installation(
            """
            email:
              relay: smtp://127.attacker.example:\(relay.port)
              tls: none
              username_env: CRIER_SMTP_USER
              password_env: CRIER_SMTP_PASSWORD
              from: "Crier <alerts@example.org>"
            """)
        let hosts = installation.directory.appendingPathComponent("hosts")
        try "127.0.0.1 localhost\n\(NetworkNamespaces.linkAddress) 127.attacker.example\n".write(
            to: hosts, atomically: true, encoding: .utf8)
        try await installation.enqueue(emails: ["resident@example.org"])

        let run = try await installation.run(
            environment: ["CRIER_SMTP_USER": "crier", "CRIER_SMTP_PASSWORD": "hunter2"],
            launcher: namespaces.clientLauncher(hosts: hosts))

        #expect(run.status == 0, "\(run.stderr)")
        #expect(relay.events().isEmpty, "the relay saw \(relay.events())")
        #expect(try relay.records().isEmpty)
        let outcome = try #require(try installation.outcomes()["resident@example.org"])
        #expect(outcome.state == .dead)
        #expect(outcome.error.contains("relay address \(NetworkNamespaces.linkAddress) is not loopback"), "\(outcome)")
        #expect(outcome.error.contains("plain-text SMTP"), "\(outcome)")
        #expect(!outcome.error.contains("hunter2") && !run.stderr.contains("hunter2"))
    }

    @Test(
        "allow_private: true reaches a private webhook but never the metadata address 169.254.169.254",
        .enabled(if: NetworkNamespaces.isAvailable, "needs root to make network namespaces"))
    func allowPrivateKeepsMetadataShut() async throws {
        let namespaces = try NetworkNamespaces(serverAddresses: ["169.254.169.254", "10.30.0.5"])
        let receiver = try await WebhookTestServer(host: "0.0.0.0", namespace: namespaces.server)
        let metadata = "http://169.254.169.254:\(receiver.port)/ok/metadata"
        let privateHook = "http://10.30.0.5:\(receiver.port)/ok/private"
        let installation = try Installation(
            """
            endpoints:
              - { id: metadata, kind: webhook, url: "\(metadata)" }
              - { id: private, kind: webhook, url: "\(privateHook)" }
            network: { allow_private: true }
            """)
        try await installation.enqueue(webhooks: [("metadata", metadata), ("private", privateHook)])
        let hosts = installation.directory.appendingPathComponent("hosts")
        try "127.0.0.1 localhost\n".write(to: hosts, atomically: true, encoding: .utf8)

        let run = try await installation.run(launcher: namespaces.clientLauncher(hosts: hosts))

        #expect(run.status == 0, "\(run.stderr)")
        #expect(try receiver.records().map(\.path) == ["/ok/private"])
        let outcomes = try installation.outcomes()
        #expect(outcomes[privateHook]?.state == .delivered)
        #expect(outcomes[metadata]?.state == .dead)
        #expect(outcomes[metadata]?.error.contains("169.254.169.254 refused by network policy (cloud metadata") == true)
    }

    @Test(
        "network.allow and an endpoint's allow open exactly what they list; documentation ranges stay shut",
        .enabled(if: NetworkNamespaces.isAvailable, "needs root to make network namespaces"))
    func allowListsOpenOnlyWhatTheyList() async throws {
        let namespaces = try NetworkNamespaces(serverAddresses: ["10.20.0.5", "10.30.0.5", "198.51.100.7"])
        let receiver = try await WebhookTestServer(host: "0.0.0.0", namespace: namespaces.server)
        let port = receiver.port
        let hooks = [
            ("inside", "http://10.20.0.5:\(port)/ok/inside"),
            ("outside", "http://10.30.0.5:\(port)/ok/outside"),
            ("own", "http://10.30.0.5:\(port)/ok/own"),
            ("testnet", "http://198.51.100.7:\(port)/ok/testnet"),
            ("public", "http://\(NetworkNamespaces.linkAddress):\(port)/ok/public"),
        ]
        let installation = try Installation(
            """
            endpoints:
              - { id: inside, kind: webhook, url: "\(hooks[0].1)" }
              - { id: outside, kind: webhook, url: "\(hooks[1].1)" }
              - { id: own, kind: webhook, url: "\(hooks[2].1)", allow: [10.30.0.5/32] }
              - { id: testnet, kind: webhook, url: "\(hooks[3].1)" }
              - { id: public, kind: webhook, url: "\(hooks[4].1)" }
            network: { allow: [10.20.0.0/16] }
            """)
        try await installation.enqueue(webhooks: hooks)
        let hosts = installation.directory.appendingPathComponent("hosts")
        try "127.0.0.1 localhost\n".write(to: hosts, atomically: true, encoding: .utf8)

        let run = try await installation.run(launcher: namespaces.clientLauncher(hosts: hosts))

        #expect(run.status == 0, "\(run.stderr)")
        #expect(Set(try receiver.records().map(\.path)) == ["/ok/inside", "/ok/own", "/ok/public"])
        let outcomes = try installation.outcomes()
        #expect(outcomes[hooks[1].1]?.error.contains("10.30.0.5 refused by network policy (private") == true)
        #expect(outcomes[hooks[3].1]?.error.contains("198.51.100.7 refused by network policy (documentation") == true)
    }

    @Test("network.allow without allow_private refuses a loopback webhook")
    func allowListDoesNotOpenLoopback() async throws {
        let receiver = try await WebhookTestServer()
        let url = receiver.url("/ok/loopback")
        let installation = try Installation(
            """
            endpoints:
              - { id: local, kind: webhook, url: "\(url)" }
            network: { allow: [10.20.0.0/16] }
            """)
        try await installation.enqueue(webhooks: [("local", url)])

        let run = try await installation.run()

        #expect(run.status == 0, "\(run.stderr)")
        #expect(try receiver.records().isEmpty)
        #expect(
            try installation.outcomes()[url]?.error.contains("127.0.0.1 refused by network policy (loopback") == true)
    }

    @Test("a metadata range in network.allow stops crier, naming file, line and key")
    func metadataRangeRefused() async throws {
        let installation = try Installation(
            """
            network:
              allow: [10.20.0.0/16, 169.254.0.0/16]
            """)
        let run = try await installation.run()
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(
            run.stderr.contains("crier.yml:7: network.allow: 169.254.0.0/16 covers 169.254.0.0/16"), "\(run.stderr)")
        #expect(run.stderr.contains("never reachable"), "\(run.stderr)")
    }
}
