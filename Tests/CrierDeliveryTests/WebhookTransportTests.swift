import CrierCore
import CrierDelivery
import CrierTestSupport
import Curl
import Foundation
import Testing

@Suite("WebhookTransport against the loopback receiver", .serialized)
struct WebhookTransportTests {
    /// Now, to the second: the receiver checks timestamps against its own clock (5 minutes' tolerance).
    static var start: Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }

    func makeTransport(
        secrets: [String] = [Sample.secretA], clock: ManualClock = ManualClock(WebhookTransportTests.start),
        allowPrivate: Bool = true,
        limits: TransferLimits = TransferLimits(connectTimeout: 5, totalTimeout: 10, maxResponseBytes: 64 * 1024)
    ) throws -> WebhookTransport {
        try WebhookTransport(
            configuration: .init(limits: limits, allowPrivateAddresses: allowPrivate), secrets: ["partner": secrets],
            clock: clock)
    }

    @Test("delivered with the body byte for byte and a signature the receiver verifies")
    func delivered() async throws {
        let server = try await WebhookTestServer(secrets: [Sample.secretA])
        let clock = ManualClock(Self.start)
        let transport = try makeTransport(clock: clock)
        let delivery = Sample.webhook(url: server.url("/ok/hooks"))
        let outcome = await transport.deliver(delivery)
        #expect(outcome == .delivered(detail: "HTTP 200"))
        let record = try #require(try server.records().first)
        #expect(Data(record.body.utf8) == delivery.payload)
        #expect(record.signatureOk == true)
        #expect(record.headers["webhook-id"] == "msg_hook_1")
        #expect(record.headers["webhook-timestamp"] == String(Int(clock.now().timeIntervalSince1970)))
        #expect(record.headers["content-type"] == "application/json")
        #expect(record.headers["user-agent"]?.hasPrefix("Crier/") == true)
        await transport.shutdown()
    }

    @Test("while a key rotates both signatures are sent and each secret verifies")
    func rotation() async throws {
        let onlyOld = try await WebhookTestServer(secrets: [Sample.secretA])
        let onlyNew = try await WebhookTestServer(secrets: [Sample.secretB])
        let transport = try makeTransport(secrets: [Sample.secretA, Sample.secretB])
        #expect(await transport.deliver(Sample.webhook(url: onlyOld.url("/ok/r"))).kind == "delivered")
        #expect(await transport.deliver(Sample.webhook(url: onlyNew.url("/ok/r"))).kind == "delivered")
        let old = try #require(try onlyOld.records().first)
        let new = try #require(try onlyNew.records().first)
        #expect(old.signatureOk == true)
        #expect(new.signatureOk == true)
        #expect(old.headers["webhook-signature"]?.split(separator: " ").count == 2)
        await transport.shutdown()
    }

    @Test("500, 500, 200: three attempts, one webhook-id, fresh timestamps, every signature valid")
    func retriesKeepIdentity() async throws {
        let server = try await WebhookTestServer(secrets: [Sample.secretA])
        let start = Self.start
        let clock = ManualClock(start)
        let transport = try makeTransport(clock: clock)
        var delivery = Sample.webhook(url: server.url("/seq/500,500,200/flaky"))
        var kinds: [String] = []
        for attempt in 1...3 {
            delivery.attempt = attempt
            kinds.append(await transport.deliver(delivery).kind)
            clock.advance(by: 5)
        }
        #expect(kinds == ["retry", "retry", "delivered"])
        let records = try server.records()
        #expect(records.count == 3)
        #expect(Set(records.compactMap { $0.headers["webhook-id"] }) == ["msg_hook_1"])
        #expect(
            records.compactMap { $0.headers["webhook-timestamp"] }
                == [0, 5, 10].map { String(Int(start.timeIntervalSince1970) + $0) })
        #expect(records.allSatisfy { $0.signatureOk == true })
        #expect(Set(records.map(\.body)).count == 1)
        await transport.shutdown()
    }

    @Test("429 with Retry-After is a retry that carries the wait")
    func retryAfter() async throws {
        let server = try await WebhookTestServer()
        let transport = try makeTransport()
        let outcome = await transport.deliver(Sample.webhook(url: server.url("/retry-after/42")))
        #expect(outcome == .retry(reason: "HTTP 429", retryAfter: 42))
        #expect(await transport.deliver(Sample.webhook(url: server.url("/retry-after/42"))).kind == "delivered")
        await transport.shutdown()
    }

    @Test(
        "scripted answers map to outcomes",
        arguments: [
            ("/redirect", "permanent"), ("/gone", "gone"), ("/status/404", "permanent"), ("/status/503", "retry"),
            ("/status/408", "retry"), ("/status/204", "delivered"),
        ])
    func scripted(path: String, kind: String) async throws {
        let server = try await WebhookTestServer()
        let transport = try makeTransport()
        #expect(await transport.deliver(Sample.webhook(url: server.url(path))).kind == kind)
        #expect(try server.records().map(\.path) == [path])  // the redirect was not followed
        await transport.shutdown()
    }

    @Test("a hanging endpoint times out as a retry while other deliveries go through")
    func hangDoesNotBlockOthers() async throws {
        let server = try await WebhookTestServer()
        let transport = try makeTransport(limits: TransferLimits(connectTimeout: 2, totalTimeout: 3))
        let started = Date()
        let outcomes = await withTaskGroup(of: (String, DeliveryOutcome, Double).self) { group in
            group.addTask {
                (
                    "hang", await transport.deliver(Sample.webhook(url: server.url("/hang"), key: "msg_hang")),
                    Date().timeIntervalSince(started)
                )
            }
            for index in 0..<20 {
                group.addTask {
                    (
                        "ok",
                        await transport.deliver(Sample.webhook(url: server.url("/ok/\(index)"), key: "msg_\(index)")),
                        Date().timeIntervalSince(started)
                    )
                }
            }
            var all: [(String, DeliveryOutcome, Double)] = []
            for await result in group { all.append(result) }
            return all
        }
        let hang = try #require(outcomes.first { $0.0 == "hang" })
        #expect(hang.1.kind == "retry")
        #expect(hang.1.detail.contains("Timeout"))
        let others = outcomes.filter { $0.0 == "ok" }
        #expect(others.count == 20)
        #expect(others.allSatisfy { $0.1.kind == "delivered" })
        #expect(others.allSatisfy { $0.2 < hang.2 })
        await transport.shutdown()
    }

    @Test("a 20 MB answer is cut off at the cap; the 200 still counts")
    func huge() async throws {
        let server = try await WebhookTestServer()
        let transport = try makeTransport()
        let outcome = await transport.deliver(Sample.webhook(url: server.url("/huge")))
        #expect(outcome.kind == "delivered")
        #expect(outcome.detail.contains("cut off"))
        await transport.shutdown()
    }

    @Test("loopback endpoints are refused for good when private addresses are not allowed")
    func addressRefused() async throws {
        let server = try await WebhookTestServer()
        let transport = try makeTransport(allowPrivate: false)
        let outcome = await transport.deliver(Sample.webhook(url: server.url("/ok/private")))
        #expect(outcome.kind == "permanent")
        #expect(outcome.detail.contains("refused by network policy"))
        #expect(try server.records().isEmpty)
        await transport.shutdown()
    }

    @Test("an endpoint without a secret gets no signature header")
    func unsigned() async throws {
        let server = try await WebhookTestServer()
        let transport = try makeTransport()
        #expect(
            await transport.deliver(Sample.webhook(url: server.url("/ok/u"), endpoint: "other")).kind == "delivered")
        let record = try #require(try server.records().first)
        #expect(record.headers["webhook-signature"] == nil)
        #expect(record.headers["webhook-id"] == "msg_hook_1")
        await transport.shutdown()
    }
}
