import CrierTestSupport
import Foundation
import Testing

/// `GET /api/v1/alerts` through `crier serve`: the alerts the published pages list as current, by
/// the same rules: a test message never, an exercise only as an exercise (and only where the pages
/// list exercises), a cancelled alert no longer.
@Suite("end to end: partner API current alerts", .serialized, .enabled(if: CrierBinary.isBuilt))
struct PartnerAlertsEndToEndTests {
    /// Wording no one could mistake for a real warning.
    static func wording(_ label: String) -> [String] {
        [
            "--var", "headline=Crier end-to-end check \(label), not a real alert",
            "--var", "description=This message only exercises the partner API in an automated check.",
            "--var", "instruction=No action needed.",
        ]
    }

    @Test("actual, exercise and test alerts; cancelled ones leave the list; area filter")
    func currentAlerts() async throws {
        let site = try await PartnerSite(
            prefix: "crier-api-alerts",
            extra: """
                approvals: { actual: false }
                publish: { dir: public, exercises: true }
                """)
        let crier = site.crier
        func propose(_ label: String, area: String, status: String) async throws -> String {
            let made = try await crier.run(
                ["alert", "urgent-warning", "--area", area, "--status", status, "--yes", "--format", "json"]
                    + Self.wording(label))
            #expect(made.status == 0, "\(made.stderr)")
            let outcome = try #require(try made.json()["outcome"] as? [String: Any])
            return try #require(outcome["id"] as? String)
        }
        let actual = try await propose("one", area: "east", status: "actual")
        let cityWide = try await propose("two", area: "city", status: "actual")
        let exercise = try await propose("three", area: "east", status: "exercise")
        _ = try await propose("four", area: "east", status: "test")

        let server = try await ServingCrier(crier, ["serve", "--listen", "127.0.0.1:0"])
        func ids(_ query: String) async throws -> [String] {
            let reply = try await CurlResponse.send(
                "GET", server.url("/api/v1/alerts\(query)"), headers: site.bearer("reader"))
            #expect(reply.status == 200, "\(reply.body)")
            let alerts = try #require(reply.object["alerts"] as? [[String: Any]])
            return alerts.compactMap { $0["id"] as? String }
        }
        #expect(Set(try await ids("")) == [actual, cityWide])
        #expect(Set(try await ids("?status=actual&area=east")) == [actual, cityWide])
        #expect(try await ids("?area=west") == [cityWide])
        #expect(try await ids("?status=exercise") == [exercise])

        let one = try await CurlResponse.send(
            "GET", server.url("/api/v1/alerts?area=east"), headers: site.bearer("reader"))
        let first = try #require((one.object["alerts"] as? [[String: Any]])?.first { $0["id"] as? String == actual })
        #expect(first["status"] as? String == "actual")
        #expect((first["headline"] as? String)?.hasSuffix("Crier end-to-end check one, not a real alert") == true)
        #expect(first["instruction"] as? String == "No action needed.")
        #expect(first["areas"] as? [String] == ["east"])
        #expect(first["expires"] is String)

        let cancelled = try await crier.run(["cancel", actual, "--reason", "end of the check"])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(try await ids("?area=east") == [cityWide])

        let unknownArea = try await CurlResponse.send(
            "GET", server.url("/api/v1/alerts?area=north"), headers: site.bearer("reader"))
        #expect(unknownArea.status == 400)
        #expect(unknownArea.object["field"] as? String == "area")
        #expect(try await server.stop().status == 0)
    }
}
