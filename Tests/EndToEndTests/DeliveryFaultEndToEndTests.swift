import CrierCore
import CrierStore
import CrierTestSupport
import Foundation
import Testing

/// Delivery under fault, through the real `crier` binary and the loopback webhook receiver: endpoints
/// sharing a host, transfers longer than the lease, crashes mid-send, and a second daemon.
@Suite(
    "end to end: delivery under fault", .serialized,
    .enabled(if: CrierBinary.isBuilt))
struct DeliveryFaultEndToEndTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// An installation whose webhook endpoints (id to max_concurrency) all live on one receiver.
    struct Site {
        let directory: URL
        let config: URL
        let webhook: WebhookTestServer

        init(endpoints: [String: Int] = ["receiver": 4], dispatch: String, retry: String = "[1s, 1s, 1s]")
            async throws
        {
            let receiver = try await WebhookTestServer(secrets: [DeliveryFaultEndToEndTests.secret])
            webhook = receiver
            let hooks = endpoints.sorted { $0.key < $1.key }.map { id, concurrency in
                #"  - { id: \#(id), kind: webhook, url: "\#(receiver.url("/ok"))", secret_env: CRIER_TEST_SECRET, "#
                    + "max_concurrency: \(concurrency) }"
            }
            let site = try InstallationFolder(
                prefix: "crier-e2e-fault",
                """
                sender: { name: Safer Leicester Partnership, email: alerts@example.org }
                endpoints:
                \(hooks.joined(separator: "\n"))
                retry: { schedule: \(retry), jitter: 0 }
                network: { allow_private: true }
                dispatch: \(dispatch)
                """)
            directory = site.directory
            config = site.config
        }

        var environment: [String: String] { ["CRIER_TEST_SECRET": DeliveryFaultEndToEndTests.secret] }
        var databasePath: String { directory.appendingPathComponent("var/crier.sqlite").path }

        func outbox() throws -> SQLiteOutbox { try SQLiteOutbox(path: databasePath) }

        /// Writes one urgent message with a webhook delivery to each of `paths` through `endpoint`.
        func enqueue(_ paths: [String], endpoint: String) async throws {
            let message = MessageRecord(
                id: "msg_fault_\(UUID().uuidString.prefix(8))", template: "urgent-warning", topic: "scams",
                areas: ["east"], priority: .urgent, headline: "Courier fraud in East NPA", proposedBy: "test",
                createdAt: Date())
            let rendition = Rendition(
                messageID: message.id, channel: .webhook, locale: "en",
                payload: Data(#"{"headline":"Courier fraud in East NPA"}"#.utf8))
            let deliveries = paths.map {
                NewDelivery(channel: .webhook, destination: webhook.url($0), route: endpoint, endpointID: endpoint)
            }
            try await outbox().enqueue(message, renditions: [rendition], deliveries: deliveries, now: message.createdAt)
        }

        func start(_ extra: [String] = []) throws -> RunningCrier {
            try CrierBinary.start(
                ["run", "--config", config.path] + extra, environment: environment, directory: directory)
        }

        func run(_ extra: [String], timeout: Double = 120) async throws -> CrierBinary.Result {
            try await CrierBinary.run(
                ["run", "--config", config.path] + extra, environment: environment, directory: directory,
                timeout: timeout)
        }

        /// Waits until the receiver has recorded `count` requests whose path starts with `prefix`.
        func waitForRequests(_ count: Int, prefix: String, within seconds: Double) async throws -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if try webhook.records().count(where: { $0.path.hasPrefix(prefix) }) >= count { return true }
                try await Task.sleep(for: .milliseconds(20))
            }
            return false
        }
    }

    @Test("an endpoint that never answers does not hold up a healthy endpoint on the same host and port")
    func endpointsOnOneHostAreIndependent() async throws {
        let site = try await Site(
            endpoints: ["a-stuck": 4, "b-healthy": 4], dispatch: "{ lease: 60s, request_timeout: 30s }")
        try await site.enqueue((0..<4).map { "/hang/\($0)" }, endpoint: "a-stuck")
        let daemon = try site.start()
        defer { kill(daemon.processIdentifier, SIGKILL) }
        #expect(try await site.waitForRequests(4, prefix: "/hang", within: 30), "the stuck endpoint used its share")

        let queued = Date()
        try await site.enqueue((0..<3).map { "/ok/healthy-\($0)" }, endpoint: "b-healthy")
        #expect(try await site.waitForRequests(3, prefix: "/ok/healthy", within: 40))
        let arrivals = try site.webhook.records().filter { $0.path.hasPrefix("/ok/healthy") }.map(\.receivedAt)
        let slowest = (arrivals.max() ?? .infinity) - queued.timeIntervalSince1970
        #expect(arrivals.count == 3)
        #expect(slowest < 3, "the healthy endpoint's deliveries waited \(slowest) s behind the stuck one")
        // Exact per-endpoint limits: the stuck endpoint never went over its 4 in flight.
        #expect(try site.webhook.records().count(where: { $0.path.hasPrefix("/hang") }) == 4)
    }

    @Test("a transfer longer than the lease is sent once by one process, and its answer recorded")
    func transferLongerThanTheLeaseIsSentOnce() async throws {
        let site = try await Site(dispatch: "{ lease: 3s, request_timeout: 15s, connect_timeout: 2s }")
        try await site.enqueue(["/sleep/7/slow"], endpoint: "receiver")
        let run = try await site.run(["--until-idle"], timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")

        let requests = try site.webhook.records().filter { $0.path == "/sleep/7/slow" }
        #expect(requests.count == 1, "sent \(requests.count) times")
        let outbox = try site.outbox()
        let delivery = try #require(try outbox.deliveries(state: nil, limit: 10).first)
        #expect(delivery.state == .delivered, "\(delivery.state) \(delivery.lastError ?? "")")
        #expect(delivery.attempts == 1)
        #expect(try outbox.attempts(deliveryID: delivery.id).map(\.outcome) == ["delivered"])
    }

    @Test("crashes mid-send spend no retry: after three kills a first 503 is retried in seconds, then delivered")
    func crashesDoNotSpendTheRetryBudget() async throws {
        // Three answered attempts at most; the second retry would wait an hour.
        let site = try await Site(dispatch: "{ lease: 1s, request_timeout: 30s }", retry: "[1s, 1h]")
        let path = "/seq/hang,hang,hang,503,200/budget"
        try await site.enqueue([path], endpoint: "receiver")
        for kill in 1...3 {
            let daemon = try site.start()
            let reached = try await site.waitForRequests(kill, prefix: path, within: 30)
            Foundation.kill(daemon.processIdentifier, SIGKILL)
            _ = try await CrierBinary.waitForExit(daemon, timeout: 10)
            try #require(reached, "request \(kill) reached the receiver before the kill")
        }
        try await Task.sleep(for: .milliseconds(1_500))  // the last lease runs out

        let run = try await site.run(["--until-idle", "--idle-grace", "5"], timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        let outbox = try site.outbox()
        let delivery = try #require(try outbox.deliveries(state: nil, limit: 10).first)
        #expect(delivery.state == .delivered, "\(delivery.state): \(delivery.lastError ?? "")")
        #expect(delivery.attempts == 2, "the 503 and the 200 count; the three crashes do not")
        #expect(delivery.claims == 5)
        #expect(delivery.claimsWithoutOutcome == 0)
        let attempts = try outbox.attempts(deliveryID: delivery.id)
        #expect(attempts.map(\.outcome) == ["retry", "delivered"])
        #expect(attempts.map(\.attempt) == [1, 2])
        if attempts.count == 2 {
            let wait = attempts[1].startedAt.timeIntervalSince(attempts[0].finishedAt)
            #expect(wait < 10, "the retry after the first answered attempt waited \(wait) s")
        }
        let ids = Set(try site.webhook.records().filter { $0.path == path }.compactMap { $0.headers["webhook-id"] })
        #expect(ids.count == 1, "every copy carries the same webhook-id")
    }

    @Test("a second crier run on one database refuses, naming the PID; a killed daemon's lock does not block")
    func secondDaemonRefuses() async throws {
        let site = try await Site(dispatch: "{ lease: 5s }")
        let lockPath = site.databasePath + ".lock"
        let first = try site.start()
        defer { kill(first.processIdentifier, SIGKILL) }
        let pid = first.processIdentifier
        #expect(try await Self.lockNames(pid, path: lockPath, within: 30), "the daemon wrote its PID in \(lockPath)")

        let second = try await site.run([], timeout: 30)
        #expect(second.status == 1, "\(second.stderr)")
        #expect(second.stderr.contains("PID \(pid)"), "\(second.stderr)")
        #expect(second.stderr.contains("crier.sqlite.lock"), "\(second.stderr)")
        let drain = try await site.run(["--until-idle"], timeout: 30)
        #expect(drain.status == 1, "--until-idle is a crier run too: \(drain.stderr)")

        // Work queued beside the daemon is still delivered (by it): the refusals changed nothing.
        try await site.enqueue(["/ok/beside"], endpoint: "receiver")
        #expect(try await site.waitForRequests(1, prefix: "/ok/beside", within: 20))

        // A daemon killed outright leaves its file, not its lock: the next one starts.
        kill(pid, SIGKILL)
        _ = try await CrierBinary.waitForExit(first, timeout: 10)
        let restarted = try site.start()
        defer { kill(restarted.processIdentifier, SIGKILL) }
        #expect(try await Self.lockNames(restarted.processIdentifier, path: lockPath, within: 30))
        try await site.enqueue(["/ok/after-restart"], endpoint: "receiver")
        #expect(try await site.waitForRequests(1, prefix: "/ok/after-restart", within: 20), "the restart delivers")
        kill(restarted.processIdentifier, SIGTERM)
        #expect(try await CrierBinary.waitForExit(restarted, timeout: 20))
        #expect(restarted.terminationStatus == 0)

        // Released on exit: a drain runs now.
        let after = try await site.run(["--until-idle"], timeout: 30)
        #expect(after.status == 0, "\(after.stderr)")
    }

    /// Waits until the lock file at `path` names `pid`.
    static func lockNames(_ pid: Int32, path: String, within seconds: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                text.trimmingCharacters(in: .whitespacesAndNewlines) == "\(pid)"
            {
                return true
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
