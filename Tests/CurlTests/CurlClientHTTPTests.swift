import CrierTestSupport
import Curl
import Foundation
import Testing

@Suite("CurlClient HTTP against the loopback receiver", .serialized)
struct CurlClientHTTPTests {
    let server: WebhookTestServer
    let client: CurlClient

    init() async throws {
        server = try await WebhookTestServer()
        client = try CurlClient(configuration: .init(allowPrivateAddresses: true))
    }

    @Test("a POST round trip sends body and headers and returns status, headers and body")
    func roundTrip() async throws {
        let body = Data("{\"hello\": \"świat\"}".utf8)
        let response = try await client.post(
            HTTPPostRequest(
                url: server.url("/ok/round-trip"),
                headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("X-Test", "1")],
                body: body))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "ok")
        #expect(response.header("content-type") == "text/plain")
        let records = try server.records()
        let record = try #require(records.first)
        #expect(record.path == "/ok/round-trip")
        #expect(record.body == "{\"hello\": \"świat\"}")
        #expect(record.headers["x-test"] == "1")
        #expect(record.headers["content-type"] == "application/json")
        await client.shutdown()
    }

    @Test("200 transfers in parallel all complete")
    func parallel() async throws {
        let client = self.client
        let url = server.url("/ok/parallel")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await client.post(HTTPPostRequest(url: url, body: Data("\(index)".utf8))).status
                }
            }
            var statuses: [Int] = []
            for try await status in group { statuses.append(status) }
            return statuses
        }
        #expect(statuses.count == 200)
        #expect(statuses.allSatisfy { $0 == 200 })
        #expect(try server.records().count == 200)
        await client.shutdown()
    }

    @Test("a server that never answers times out")
    func timeout() async throws {
        let started = Date()
        let limits = TransferLimits(connectTimeout: 2, totalTimeout: 1)
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.post(HTTPPostRequest(url: server.url("/hang"), body: Data(), limits: limits))
        }
        #expect(error?.kind == .timeout)
        #expect(error?.code == 28)
        #expect(Date().timeIntervalSince(started) < 10)
        await client.shutdown()
    }

    @Test("a response over the cap is cut off and reported as too large")
    func sizeCap() async throws {
        let limits = TransferLimits(maxResponseBytes: 100_000)
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.post(HTTPPostRequest(url: server.url("/huge"), body: Data(), limits: limits))
        }
        #expect(error?.kind == .responseTooLarge)
        #expect(error?.responseCode == 200)
        await client.shutdown()
    }

    @Test("a redirect is returned, not followed")
    func redirectNotFollowed() async throws {
        let response = try await client.post(HTTPPostRequest(url: server.url("/redirect"), body: Data()))
        #expect(response.status == 302)
        #expect(response.header("Location") == "/ok/redirected")
        #expect(try server.records().map(\.path) == ["/redirect"])
        await client.shutdown()
    }

    @Test("a refused connection is a connect failure")
    func refusedConnection() async throws {
        let port = TestPaths.unusedPort()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.post(HTTPPostRequest(url: "http://127.0.0.1:\(port)/", body: Data()))
        }
        #expect(error?.kind == .connectFailed)
        #expect(error?.code == 7)
        await client.shutdown()
    }

    @Test("other protocols are refused")
    func protocolsRestricted() async throws {
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.post(HTTPPostRequest(url: "file:///etc/passwd", body: Data()))
        }
        #expect(error?.kind == .badRequest)
        await client.shutdown()
    }

    @Test("cancelling the caller's task ends its transfer promptly")
    func cancellation() async throws {
        let client = self.client
        let url = server.url("/hang")
        let started = Date()
        let task = Task { () -> CurlError.Kind? in
            do throws(CurlError) {
                _ = try await client.post(HTTPPostRequest(url: url, body: Data()))
                return nil
            } catch {
                return error.kind
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let kind = await task.value
        #expect(kind == CurlError.Kind.cancelled)
        // The transfer's own total timeout is 30 s: ending well before it shows cancellation ended it
        // (the margin is wide because parallel tests can keep this task waiting for a thread).
        #expect(Date().timeIntervalSince(started) < 20)
        await client.shutdown()
    }

    @Test("after shutdown a transfer fails cleanly")
    func afterShutdown() async throws {
        await client.shutdown()
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.post(HTTPPostRequest(url: server.url("/ok/late"), body: Data()))
        }
        #expect(error?.kind == .shutdown)
    }
}

@Suite("CurlClient refuses private addresses by policy", .serialized)
struct CurlClientPolicyTests {
    @Test(
        "loopback in any spelling is refused when private addresses are not allowed",
        arguments: [
            "http://127.0.0.1:PORT/ok/x", "http://2130706433:PORT/ok/x", "http://0x7f.1:PORT/ok/x",
            "http://localhost:PORT/ok/x", "http://[::ffff:127.0.0.1]:PORT/ok/x",
        ])
    func refused(template: String) async throws {
        let server = try await WebhookTestServer()
        let client = try CurlClient(configuration: .init(allowPrivateAddresses: false))
        let url = template.replacingOccurrences(of: "PORT", with: String(server.port))
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.post(HTTPPostRequest(url: url, body: Data("x".utf8)))
        }
        #expect(error?.kind == .addressRefused)
        #expect(error?.message.contains("refused by network policy") == true)
        #expect(try server.records().isEmpty)
        await client.shutdown()
    }

    @Test("the numeric forms reach the server when private addresses are allowed")
    func allowed() async throws {
        let server = try await WebhookTestServer()
        let client = try CurlClient(configuration: .init(allowPrivateAddresses: true))
        for host in ["2130706433", "0x7f.1"] {
            let response = try await client.post(
                HTTPPostRequest(url: "http://\(host):\(server.port)/ok/\(host)", body: Data()))
            #expect(response.status == 200)
        }
        #expect(try server.records().count == 2)
        await client.shutdown()
    }

    @Test("the refusal names the address")
    func message() async throws {
        let server = try await WebhookTestServer()
        let client = try CurlClient(configuration: .init(allowPrivateAddresses: false))
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.post(HTTPPostRequest(url: "http://127.0.0.1:\(server.port)/ok", body: Data()))
        }
        #expect(error?.message.hasPrefix("address 127.0.0.1 refused by network policy") == true)
        await client.shutdown()
    }
}
