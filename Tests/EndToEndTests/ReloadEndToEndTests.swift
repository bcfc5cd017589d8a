import CrierTestSupport
import Foundation
import Testing

/// SIGHUP through the binary: a valid new set becomes active, an invalid one is refused with its
/// errors logged while the old one keeps running, for `crier run` and `crier serve` alike.
@Suite("end to end: reload on SIGHUP", .serialized, .enabled(if: CrierBinary.isBuilt))
struct ReloadEndToEndTests {
    /// A yearly campaign that will not fire during the test (1 January, 10:00).
    static func schedule(_ occasion: String) -> String {
        """
        template: night-time-safety
        areas: [city]
        cron: "0 10 1 1 *"
        vars: { occasion: "TEST \(occasion)" }
        """
    }

    static func installation() throws -> InstallationFolder {
        let site = try InstallationFolder(prefix: "crier-e2e-reload", "misfire_grace: 1h")
        try schedule("one").write(
            to: site.schedules.appendingPathComponent("one.yml"), atomically: true, encoding: .utf8)
        return site
    }

    static func scrape(_ url: String) async throws -> String {
        try await CurlResponse.fetch(url + "/metrics").body
    }

    @Test("crier run: a new schedule is picked up; a broken one is refused, logged, and the old set stays")
    func runReloads() async throws {
        let site = try Self.installation()
        defer { site.remove() }
        let daemon = try site.crier.start(["run", "--listen", "127.0.0.1:0"])
        defer { kill(daemon.processIdentifier, SIGTERM) }
        let url = try await daemon.listeningURL().absoluteString
        #expect(try await Self.scrape(url).contains("crier_schedules{state=\"enabled\"} 1\n"))

        try Self.schedule("two").write(
            to: site.schedules.appendingPathComponent("two.yml"), atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(try await eventually(within: 20) { daemon.logSoFar().contains("reloaded") })
        let reloaded = daemon.logSoFar()
        #expect(reloaded.contains("schedules=2"), "\(reloaded)")
        #expect(try await Self.scrape(url).contains("crier_schedules{state=\"enabled\"} 2\n"))
        #expect(try await CurlResponse.fetch(url + "/readyz").status == 200)

        try "template: no-such-template\nareas: [city]\ncron: \"0 10 1 1 *\"\n".write(
            to: site.schedules.appendingPathComponent("broken.yml"), atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(try await eventually(within: 20) { daemon.logSoFar().contains("reload refused") })
        let refused = daemon.logSoFar()
        #expect(refused.contains("broken.yml"), "\(refused)")
        #expect(daemon.isRunning)
        let metrics = try await Self.scrape(url)
        #expect(metrics.contains("crier_schedules{state=\"enabled\"} 2\n"), "the old set stays active")
        #expect(metrics.contains("crier_config_last_reload_successful 0\n"))
        // The running set is valid: ready stays 200 after a refused reload.
        #expect(try await CurlResponse.fetch(url + "/readyz").status == 200)

        // A crier.yml change a reload cannot apply is refused, naming the key.
        try FileManager.default.removeItem(at: site.schedules.appendingPathComponent("broken.yml"))
        let config = try String(contentsOf: site.config, encoding: .utf8)
        try config.replacingOccurrences(of: "database: var/crier.sqlite", with: "database: var/other.sqlite").write(
            to: site.config, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(
            try await eventually(within: 20) {
                daemon.logSoFar().contains("database changed: restart crier to apply")
            }, "\(daemon.logSoFar())")

        // Fixed again: the next reload succeeds.
        try config.write(to: site.config, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(try await eventually(within: 20) { daemon.logSoFar().components(separatedBy: "] reloaded").count == 3 })
        #expect(try await Self.scrape(url).contains("crier_config_last_reload_successful 1\n"))

        kill(daemon.processIdentifier, SIGTERM)
        #expect(try await daemon.result(timeout: 60).status == 0)
    }

    @Test("crier serve: SIGHUP reloads what /readyz checks and never ends the process")
    func serveReloads() async throws {
        let site = try Self.installation()
        defer { site.remove() }
        let server = try site.crier.start(["serve", "--listen", "127.0.0.1:0"])
        defer { kill(server.processIdentifier, SIGTERM) }
        let url = try await server.listeningURL().absoluteString
        try "cron: [not a cron\n".write(
            to: site.schedules.appendingPathComponent("broken.yml"), atomically: true, encoding: .utf8)
        kill(server.processIdentifier, SIGHUP)
        #expect(try await eventually(within: 20) { server.logSoFar().contains("reload refused") })
        #expect(server.isRunning)
        #expect(try await CurlResponse.fetch(url + "/readyz").status == 200)
        #expect(try await Self.scrape(url).contains("crier_schedules{state=\"enabled\"} 1\n"))
        kill(server.processIdentifier, SIGTERM)
        #expect(try await server.result(timeout: 60).status == 0)
    }
}
