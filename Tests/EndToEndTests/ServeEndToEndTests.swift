import CrierTestSupport
import Foundation
import Testing

/// `crier serve` and `crier run --listen` through the binary: the announced address, health,
/// readiness and metrics, bad addresses, and a graceful stop.
@Suite(.serialized) final class ServeEndToEndTests {
    let directory: URL
    let crier: CrierBinary

    init() throws {
        directory = try TestPaths.makeTemporaryDirectory(prefix: "serve")
        let schedules = directory.appendingPathComponent("schedules")
        try FileManager.default.createDirectory(at: schedules, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("crier.yml")
        try """
        database: crier.sqlite
        templates: "\(TestPaths.repositoryRoot.appendingPathComponent("templates").path)"
        schedules: schedules
        http: { public_url: "https://alerts.example.org" }

        """.write(to: config, atomically: true, encoding: .utf8)
        crier = CrierBinary(config: config)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    @Test func servesHealthReadinessAndMetrics() async throws {
        let server = try await ServingCrier(crier, ["serve", "--listen", "127.0.0.1:0"])
        #expect(server.baseURL.host == "127.0.0.1")
        #expect(server.baseURL.port != 0)

        let health = try await CurlResponse.run(server.url("/healthz"))
        #expect(health.status == 200)
        let ready = try await CurlResponse.run(server.url("/readyz"))
        #expect(ready.status == 200, "\(ready.body)")
        #expect(ready.headers["content-type"] == "application/json")

        let metrics = try await CurlResponse.run(server.url("/metrics"))
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(metrics.body.contains("crier_build_info{version="))
        #expect(metrics.body.contains(#"crier_http_requests_total{route="/healthz",status="200"} 1"#))
        let names = metrics.body.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0.prefix { $0 != "{" && $0 != " " } }
        #expect(!names.isEmpty)
        #expect(names.allSatisfy { $0.hasPrefix("crier_") }, "\(names)")

        let missing = try await CurlResponse.run(server.url("/no-such-page"))
        #expect(missing.status == 404)

        let stopped = try await server.stop()
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout.hasPrefix("listening on http://127.0.0.1:"))
    }

    @Test func notReadyWhileAScheduleIsInvalid() async throws {
        let broken = directory.appendingPathComponent("schedules/broken.yml")
        try "id: broken\ntemplate: no-such-template\ncron: \"0 9 * * *\"\n".write(
            to: broken, atomically: true, encoding: .utf8)
        let server = try await ServingCrier(crier, ["serve", "--listen", "127.0.0.1:0"])
        let ready = try await CurlResponse.run(server.url("/readyz"))
        #expect(ready.status == 503)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(ready.body.utf8)) as? [String: Any])
        #expect(body["status"] as? String == "not ready")
        let reasons = body["reasons"] as? [String] ?? []
        #expect(reasons.contains { $0.contains("broken.yml") }, "\(reasons)")
        #expect(try await CurlResponse.run(server.url("/healthz")).status == 200)
        _ = try await server.stop()
    }

    @Test func runServesBesideTheDispatcher() async throws {
        let server = try await ServingCrier(crier, ["run", "--listen", "127.0.0.1:0"])
        #expect(try await CurlResponse.run(server.url("/healthz")).status == 200)
        let stopped = try await server.stop()
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("crier stopped"))
    }

    @Test(arguments: ["8080", "example.org:80", "127.0.0.1:99999"])
    func refusesABadListenAddress(listen: String) async throws {
        let result = try await crier.run(["serve", "--listen", listen])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--listen"), "\(result.stderr)")
    }

    @Test func refusesToServeWithoutAnAddress() async throws {
        let result = try await crier.run(["serve"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("http.listen"), "\(result.stderr)")
    }
}
