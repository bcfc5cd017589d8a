import CrierCore
import CrierStore
import CrierTestSupport
import Foundation
import Testing

/// Runs the real `crier` binary against real loopback servers: what an operator's deployment does.
@Suite("crier run end to end", .serialized)
struct DeliveryEndToEndTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    struct Setup {
        let directory: URL
        let config: URL
        let webhook: WebhookTestServer
        let smtp: SMTPTestServer

        init(lease: String = "3s", requestTimeout: String = "10s", webhookConcurrency: Int = 16) async throws {
            webhook = try await WebhookTestServer(secrets: [DeliveryEndToEndTests.secret])
            smtp = try await SMTPTestServer()
            // No campaigns here: an empty schedules folder, and the shipped templates.
            let site = try InstallationFolder(
                prefix: "crier-e2e",
                """
                sender: { name: Safer Leicester Partnership, email: alerts@example.org }
                email:
                  relay: smtp://127.0.0.1:\(smtp.port)
                  tls: none
                  from: "Safer Leicester Partnership <alerts@example.org>"
                  max_connections: 4
                  rate_per_second: 100000
                  unsubscribe_url: "https://example.org/unsubscribe/{token}"
                endpoints:
                  - { id: receiver, kind: webhook, url: "\(webhook.url("/ok"))", secret_env: CRIER_TEST_SECRET, max_concurrency: \(webhookConcurrency) }
                retry: { schedule: [1s, 1s, 1s], jitter: 0 }
                network: { allow_private: true }
                dispatch: { lease: \(lease), request_timeout: \(requestTimeout), connect_timeout: 2s }
                """)
            directory = site.directory
            config = site.config
        }

        var environment: [String: String] { ["CRIER_TEST_SECRET": DeliveryEndToEndTests.secret] }

        func outbox() throws -> SQLiteOutbox {
            try SQLiteOutbox(path: directory.appendingPathComponent("var/crier.sqlite").path)
        }

        /// Writes one message with `webhooks` webhook deliveries and `emails` email deliveries.
        func enqueue(webhooks: Int, emails: Int, paths: (Int) -> String = { "/ok/\($0)" }) async throws {
            let outbox = try outbox()
            let now = Date()
            let message = MessageRecord(
                id: "msg_e2e_\(UUID().uuidString.prefix(8))", template: "urgent-warning", topic: "scams",
                areas: ["east"],
                priority: .urgent, headline: "Courier fraud in East NPA", proposedBy: "test", createdAt: now)
            let renditions = [
                Rendition(
                    messageID: message.id, channel: .webhook, locale: "en",
                    payload: Data(#"{"headline":"Courier fraud in East NPA"}"#.utf8)),
                Rendition(
                    messageID: message.id, channel: .email, locale: "en",
                    subject: "Courier fraud: warning for East NPA",
                    textBody:
                        "Dear \(Personalisation.recipientNameMarker),\nHang up on callers asking for your card.\n\(Personalisation.unsubscribeURLMarker)\n",
                    htmlBody: "<p>Dear \(Personalisation.recipientNameMarker), hang up.</p>"),
            ]
            let hooks = (0..<webhooks).map {
                NewDelivery(
                    channel: .webhook, destination: webhook.url(paths($0)), route: "receiver", endpointID: "receiver")
            }
            let mails = (0..<emails).map {
                NewDelivery(
                    channel: .email, destination: "resident-\($0)@example.org", route: "email", subscriberID: Int64($0),
                    recipientName: "Resident \($0)", unsubscribeToken: "token\($0)")
            }
            try await outbox.enqueue(message, renditions: renditions, deliveries: hooks + mails, now: now)
        }
    }

    @Test("killed with SIGKILL mid-run and restarted: everything delivered, nothing lost, duplicates share their id")
    func crashRecovery() async throws {
        // One webhook at a time, so the kill lands while most of the 2,000 are still to go.
        let setup = try await Setup(lease: "2s", webhookConcurrency: 1)
        try await setup.enqueue(webhooks: 2_000, emails: 500)
        let daemon = try CrierBinary.start(
            ["run", "--config", setup.config.path], environment: setup.environment, directory: setup.directory)
        let deadline = Date().addingTimeInterval(90)
        while try setup.webhook.records().count < 100 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(daemon.processIdentifier, SIGKILL)
        _ = try await CrierBinary.waitForExit(daemon, timeout: 10)
        let beforeRestart = try setup.webhook.records().count
        #expect(beforeRestart >= 100)
        #expect(beforeRestart < 2_000, "the kill should land mid-run")

        let restart = try await CrierBinary.run(
            ["run", "--config", setup.config.path, "--until-idle", "--idle-grace", "5"], environment: setup.environment,
            directory: setup.directory, timeout: 240)
        #expect(restart.status == 0, "\(restart.stderr)")

        let outbox = try setup.outbox()
        let summary = try outbox.summary(now: Date())
        #expect(summary.byState["delivered"] == 2_500, "\(summary.byState)")
        #expect(try outbox.integrityCheck() == "ok")

        let requests = try setup.webhook.records()
        let byPath = Dictionary(grouping: requests, by: \.path)
        #expect(byPath.count == 2_000)
        for (path, copies) in byPath where copies.count > 1 {
            #expect(
                Set(copies.compactMap { $0.headers["webhook-id"] }).count == 1,
                "duplicates of \(path) must share webhook-id")
        }
        #expect(requests.allSatisfy { $0.signatureOk == true })

        let mails = try setup.smtp.records()
        let byRecipient = Dictionary(grouping: mails, by: { $0.rcptTos.first ?? "" })
        #expect(byRecipient.count == 500)
        for (recipient, copies) in byRecipient where copies.count > 1 {
            let ids = Set(copies.map { Self.header("Message-ID", in: $0.data) })
            #expect(ids.count == 1, "duplicates to \(recipient) must share Message-ID")
        }
    }

    @Test("a dead letter shows in status and deliveries, and can be queued again")
    func deadLetters() async throws {
        let setup = try await Setup()
        try await setup.enqueue(webhooks: 2, emails: 0, paths: { $0 == 0 ? "/ok/fine" : "/status/404" })
        let run = try await CrierBinary.run(
            ["run", "--config", setup.config.path, "--until-idle"], environment: setup.environment,
            directory: setup.directory)
        #expect(run.status == 0, "\(run.stderr)")

        let status = try await CrierBinary.run(
            ["status", "--config", setup.config.path, "--format", "json"], directory: setup.directory)
        #expect(status.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(json["deadLetters"] as? Int == 1)
        #expect((json["deliveries"] as? [String: Int])?["delivered"] == 1)

        let dead = try await CrierBinary.run(
            ["deliveries", "list", "--config", setup.config.path, "--state", "dead", "--format", "json"],
            directory: setup.directory)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(dead.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect((rows.first?["lastError"] as? String)?.contains("404") == true)

        let retry = try await CrierBinary.run(
            ["deliveries", "retry", "--dead", "--config", setup.config.path], directory: setup.directory)
        #expect(retry.status == 0)
        #expect(retry.stdout.contains("1 dead deliveries queued again"))
        #expect(try setup.outbox().summary(now: Date()).byState["pending"] == 1)

        let unknown = try await CrierBinary.run(
            ["deliveries", "retry", "999", "--config", setup.config.path], directory: setup.directory)
        #expect(unknown.status == 2)
    }

    @Test("SIGTERM lets in-flight deliveries finish and exits 0")
    func gracefulStop() async throws {
        let setup = try await Setup(requestTimeout: "2s")
        try await setup.enqueue(webhooks: 3, emails: 0, paths: { $0 == 0 ? "/hang" : "/ok/\($0)" })
        let daemon = try CrierBinary.start(
            ["run", "--config", setup.config.path], environment: setup.environment, directory: setup.directory)
        let deadline = Date().addingTimeInterval(30)
        while try setup.webhook.records().filter({ $0.path.hasPrefix("/ok") }).count < 2 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(daemon.processIdentifier, SIGTERM)
        #expect(try await CrierBinary.waitForExit(daemon, timeout: 20))
        #expect(daemon.terminationStatus == 0)
        let summary = try setup.outbox().summary(now: Date())
        #expect(summary.byState["leased", default: 0] == 0)
        #expect(summary.byState["delivered"] == 2)
        #expect(summary.byState["pending"] == 1, "the timed-out delivery waits for its retry")
    }

    @Test("a bad configuration stops every command with exit 2, naming file, line and key")
    func badConfiguration() async throws {
        let directory = try TestPaths.makeTemporaryDirectory(prefix: "crier-e2e")
        let config = directory.appendingPathComponent("crier.yml")
        try "email:\n  relay: smtp://127.0.0.1:25\n  tls: maybe\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try await CrierBinary.run(["run", "--until-idle", "--config", config.path], directory: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("crier.yml:3: email.tls"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("var/crier.sqlite").path))
    }

    @Test("the outbox file is readable by its owner only")
    func databasePermissions() async throws {
        let setup = try await Setup()
        let result = try await CrierBinary.run(["status", "--config", setup.config.path], directory: setup.directory)
        #expect(result.status == 0, "\(result.stderr)")
        let attributes = try FileManager.default.attributesOfItem(
            atPath: setup.directory.appendingPathComponent("var/crier.sqlite").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    static func header(_ name: String, in message: String) -> String {
        for line in message.split(separator: "\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
            return String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return ""
    }
}
