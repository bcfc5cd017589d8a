import CrierTestSupport
import Foundation
import Hummingbird
import Logging
import Synchronization
import Testing

@testable import CrierHTTP

/// The error shield on a real listening router: an internal error's text never reaches the client.
@Suite struct ErrorShieldTests {
    private struct Internal: Error, CustomStringConvertible {
        var description: String { "TEST internal detail at /srv/secret/path line 42" }
    }

    @Test("an internal error is a plain generic 500; a deliberate HTTP error keeps its status")
    func hidesInternalErrors() async throws {
        let router = Router(context: CrierRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorShieldMiddleware())
        router.get("boom") { _, _ -> String in throw Internal() }
        router.get("teapot") { _, _ -> String in throw HTTPError(.badRequest) }
        let port = Mutex(0)
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port ?? 0 } },
            logger: Logger(label: "test.error-shield"))
        let server = Task { try await application.run() }
        defer { server.cancel() }
        #expect(try await eventually(within: 30) { port.withLock { $0 } != 0 })
        let base = "http://127.0.0.1:\(port.withLock { $0 })"

        let boom = try await CurlResponse.fetch(base + "/boom")
        #expect(boom.status == 500)
        #expect(boom.body == "internal error; it has been logged\n")
        #expect(boom.headers["content-type"] == "text/plain; charset=utf-8")
        #expect(boom.headers["x-content-type-options"] == "nosniff")
        let deliberate = try await CurlResponse.fetch(base + "/teapot")
        #expect(deliberate.status == 400)
        #expect(!deliberate.body.contains("secret"))
    }
}
