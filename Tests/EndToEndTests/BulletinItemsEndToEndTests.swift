import CrierCore
import CrierStore
import CrierTestSupport
import Foundation
import Testing

/// News items through the binary: one posted by a partner over HTTP, one added with `crier bulletin
/// add`; the area's next bulletin email carries both (hostile text escaped), the one after does not.
@Suite("end to end: bulletin news items", .serialized, .enabled(if: CrierBinary.isBuilt))
struct BulletinItemsEndToEndTests {
    static let hostileTitle = #"<script>alert("x")</script> & friends"#

    /// A bulletin schedule for west due `minutesAgo` minutes ago, which crier first saw an hour ago.
    static func dueBulletin(_ id: String, minutesAgo: Double, schedules: URL, database: String) throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let due = formatter.string(from: Date().addingTimeInterval(-minutesAgo * 60))
        try "kind: bulletin\nareas: [west]\nat: \(due)\nperiod: 7d\n".write(
            to: schedules.appendingPathComponent("\(id).yml"), atomically: true, encoding: .utf8)
        _ = try SQLiteOutbox(path: database).sightSchedule(id, enabled: true, at: Date().addingTimeInterval(-3_600))
    }

    /// The HTML and text parts of the bulletins west@example.org received, oldest first.
    static func bulletins(_ site: LoopbackInstallation) throws -> [(html: String, text: String)] {
        try site.smtp.records().filter { $0.rcptTos == ["west@example.org"] }.map { record in
            let parsed = try PythonEmailParser.parse(Data(record.data.utf8))
            return (
                parsed.parts.first { $0.contentType == "text/html" }?.content ?? "",
                (parsed.parts.first { $0.contentType == "text/plain" }?.content ?? "")
                    .replacingOccurrences(of: "\r\n", with: "\n")
            )
        }
    }

    @Test("an API item and a CLI item ride the next bulletin once")
    func carriedOnce() async throws {
        let scratch = try TestPaths.makeTemporaryDirectory(prefix: "crier-e2e-bulletin-token")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let pair = try await CrierBinary(config: scratch.appendingPathComponent("crier.yml"))
            .run(["partners", "token", "--format", "json"]).json()
        let token = try #require(pair["token"] as? String)
        let hash = try #require(pair["token_sha256"] as? String)
        let schedules = scratch.appendingPathComponent("schedules")
        try FileManager.default.createDirectory(at: schedules, withIntermediateDirectories: true)

        let site = try await LoopbackInstallation(
            prefix: "crier-e2e-bulletin",
            residents:
                "email,name,area,topics,locale\nwest@example.org,Wes,west,all,en\neast@example.org,Eas,east,all,en\n"
        ) { webhooks in
            """
            endpoints:
              - { id: partner, kind: webhook, url: "\(webhooks.url("/ok/partner"))", areas: [west], topics: [all] }
            schedules: "\(schedules.path)"
            quiet_hours: { start: "00:00", end: "00:00" }
            misfire_grace: 1h
            network: { allow_private: true }
            partners:
              - { id: nlink, token_sha256: "\(hash)", scopes: [bulletins:write] }
            """
        }
        let database = site.directory.appendingPathComponent("crier.sqlite").path
        let server = try await ServingCrier(site.crier, ["serve", "--listen", "127.0.0.1:0"])
        let posted = try await CurlResponse.send(
            "POST", server.url("/api/v1/areas/west/bulletin-items"),
            headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
            body: try String(
                decoding: JSONSerialization.data(withJSONObject: [
                    "title": Self.hostileTitle, "body": "Neighbourhood Link news.\nSecond line.",
                    "link": "https://example.org/news?a=1&b=2", "expires": "2099-01-01",
                ]), as: UTF8.self))
        #expect(posted.status == 201, "\(posted.body)")
        #expect(posted.object["status"] as? String == "waiting")
        _ = try await server.stop()

        let added = try await site.crier.run([
            "bulletin", "add", "--area", "west", "--title", "Library drop-in on Saturday",
            "--body", "Officers give crime prevention advice from 10:00.",
        ])
        #expect(added.status == 0, "\(added.stderr)")

        try Self.dueBulletin("bulletin-first", minutesAgo: 10, schedules: schedules, database: database)
        let first = try await site.crier.run(["run", "--until-idle", "--log-level", "error"])
        #expect(first.status == 0, "\(first.stderr)")
        let sent = try Self.bulletins(site)
        try #require(sent.count == 1)
        #expect(sent[0].html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; friends"))
        #expect(!sent[0].html.contains("<script>"))
        #expect(sent[0].html.contains(#"href="https://example.org/news?a=1&amp;b=2""#))
        #expect(sent[0].html.contains("Library drop-in on Saturday"))
        #expect(sent[0].text.contains(Self.hostileTitle))
        #expect(sent[0].text.contains("Neighbourhood Link news.\nSecond line."))
        #expect(sent[0].text.contains("Library drop-in on Saturday"))
        #expect(try site.smtp.records().allSatisfy { !$0.rcptTos.contains("east@example.org") })
        let hooks = try site.webhooks.records().filter { $0.path == "/ok/partner" }
        try #require(hooks.count == 1)
        let payload = try #require(
            try JSONSerialization.jsonObject(with: Data(hooks[0].body.utf8)) as? [String: Any])
        let description = try #require(payload["description"] as? String)
        #expect(description.contains(Self.hostileTitle))
        #expect(description.contains("Library drop-in on Saturday"))

        let later = try await site.crier.run([
            "bulletin", "add", "--area", "west", "--title", "Cycle marking next week", "--body", "Bring your bike.",
        ])
        #expect(later.status == 0, "\(later.stderr)")
        try Self.dueBulletin("bulletin-second", minutesAgo: 5, schedules: schedules, database: database)
        let second = try await site.crier.run(["run", "--until-idle", "--log-level", "error"])
        #expect(second.status == 0, "\(second.stderr)")
        let both = try Self.bulletins(site)
        try #require(both.count == 2)
        #expect(both[1].text.contains("Cycle marking next week"))
        #expect(!both[1].text.contains("Library drop-in on Saturday"))
        #expect(!both[1].text.contains("friends"))

        let listed = try await site.crier.run(["bulletin", "list", "--area", "west", "--format", "json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 3)
        #expect(items.allSatisfy { $0["carried_by"] is String })
        #expect(Set(items.compactMap { $0["added_by"] as? String }) == ["partner nlink", "alice"])
    }
}
