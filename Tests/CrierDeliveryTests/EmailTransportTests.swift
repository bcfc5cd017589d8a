import CrierCore
import CrierDelivery
import CrierTestSupport
import Curl
import Foundation
import Testing

@Suite("EmailTransport against aiosmtpd", .serialized)
struct EmailTransportTests {
    func makeTransport(relay: String, auth: (String, String)? = nil) throws -> EmailTransport {
        try EmailTransport(
            configuration: .init(
                relayURL: relay, security: .none, username: auth?.0, password: auth?.1,
                from: "Safer Leicester Partnership <alerts@example.org>",
                limits: TransferLimits(connectTimeout: 5, totalTimeout: 15), allowPrivateAddresses: true))
    }

    @Test("delivered; Python reads subject, parts and unsubscribe headers; Message-ID stable across sends")
    func delivered() async throws {
        let server = try await SMTPTestServer(auth: "crier:pw")
        let transport = try makeTransport(relay: server.baseURL, auth: ("crier", "pw"))
        let delivery = Sample.email()
        let first = await transport.deliver(delivery)
        #expect(first.kind == "delivered")
        #expect(first.detail.hasPrefix("250"))
        var retry = delivery
        retry.attempt = 2
        #expect(await transport.deliver(retry).kind == "delivered")
        let records = try server.records()
        #expect(records.count == 2)
        #expect(records.first?.mailFrom == "alerts@example.org")
        #expect(records.first?.rcptTos == ["resident@example.net"])
        let parsed = try PythonEmailParser.parse(Data(try #require(records.first).data.utf8))
        let parsedAgain = try PythonEmailParser.parse(Data(try #require(records.last).data.utf8))
        #expect(parsed.subject == Sample.polishSubject)
        #expect(parsed.contentType == "multipart/alternative")
        #expect(parsed.parts.map(\.contentType) == ["text/plain", "text/html"])
        #expect(parsed.listUnsubscribe == "<https://example.org/unsubscribe/tok123>")
        #expect(parsed.listUnsubscribePost == "List-Unsubscribe=One-Click")
        #expect(parsed.messageId == "<dlv_0001@example.org>")
        #expect(parsedAgain.messageId == parsed.messageId)
        #expect(records.first?.data == records.last?.data)
        await transport.shutdown()
    }

    @Test("451 then 250: a retry, then delivered")
    func tempfailOnce() async throws {
        let server = try await SMTPTestServer()
        let transport = try makeTransport(relay: server.baseURL)
        let delivery = Sample.email(to: "tempfail-once+zofia@example.net")
        let first = await transport.deliver(delivery)
        #expect(first.kind == "retry")
        #expect(first.detail.contains("451"))
        #expect(await transport.deliver(delivery).kind == "delivered")
        #expect(try server.records().count == 1)
        await transport.shutdown()
    }

    @Test("550 is permanent")
    func rejected() async throws {
        let server = try await SMTPTestServer()
        let transport = try makeTransport(relay: server.baseURL)
        let outcome = await transport.deliver(Sample.email(to: "reject+zofia@example.net"))
        #expect(outcome.kind == "permanent")
        #expect(outcome.detail.contains("550"))
        await transport.shutdown()
    }

    @Test(
        "CR or LF in subject, name or address is refused before anything reaches the relay",
        arguments: [
            Sample.email(subject: "Hi\r\nBcc: victim@example.com"),
            Sample.email(name: "Eve\nBcc: victim@example.com"),
            Sample.email(to: "eve@example.com\r\nRCPT TO:<victim@example.com>"),
        ])
    func injectionRefused(delivery: OutboundDelivery) async throws {
        let server = try await SMTPTestServer()
        let transport = try makeTransport(relay: server.baseURL)
        let outcome = await transport.deliver(delivery)
        #expect(outcome.kind == "permanent")
        #expect(outcome.detail.contains("line break"))
        #expect(try server.records().isEmpty)
        await transport.shutdown()
    }

    @Test("wrong relay credentials are permanent (535)")
    func authRefused() async throws {
        let server = try await SMTPTestServer(auth: "crier:pw")
        let transport = try makeTransport(relay: server.baseURL, auth: ("crier", "wrong"))
        let outcome = await transport.deliver(Sample.email())
        #expect(outcome.kind == "permanent")
        #expect(!outcome.detail.contains("wrong"))
        #expect(try server.records().isEmpty)
        await transport.shutdown()
    }

    @Test("a relay that refuses connections means retry")
    func relayDown() async throws {
        let transport = try makeTransport(relay: "smtp://127.0.0.1:\(TestPaths.unusedPort())")
        let outcome = await transport.deliver(Sample.email())
        #expect(outcome.kind == "retry")
        await transport.shutdown()
    }

    @Test("a loopback relay is refused when private addresses are not allowed")
    func relayPolicy() async throws {
        let server = try await SMTPTestServer()
        let transport = try EmailTransport(
            configuration: .init(relayURL: server.baseURL, security: .none, from: "alerts@example.org"))
        let outcome = await transport.deliver(Sample.email())
        #expect(outcome.kind == "permanent")
        #expect(outcome.detail.contains("refused by network policy"))
        #expect(try server.records().isEmpty)
        await transport.shutdown()
    }
}
