import CrierTestSupport
import Foundation
import Testing

/// An installation that publishes, with a CAP partner endpoint, a partner mailbox, and residents
/// who follow one topic or read Polish: what each audience and channel sees, through the binary.
final class PublishingInstallation: LoopbackInstallation {
    init(exercises: Bool = false) async throws {
        let csv = """
            email,name,area,topics,locale,test
            hana@example.org,Hana,east,hate-crime,en,false
            ewa@example.org,Ewa,east,all,pl,false
            tess@example.org,Tess,east,all,en,true

            """
        try await super.init(prefix: "crier-e2e-lifecycle", residents: csv) { webhooks in
            """
            endpoints:
              - { id: cap-feed, kind: webhook, url: "\(webhooks.url("/ok/cap"))", areas: [city], topics: [all], format: cap }
              - { id: ops, name: City Centre Operations Group, kind: email, address: ops@example.org, areas: [east] }
            retry: { schedule: [1s, 1s] }
            network: { allow_private: true }
            approvals: { actual: false }
            publish: { dir: public, exercises: \(exercises) }
            """
        }
    }

    func published(_ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("public/\(path)"), encoding: .utf8)
    }

    func publishedURL(_ path: String) -> URL { directory.appendingPathComponent("public/\(path)") }

    /// Raises a courier-fraud alert for East NPA and returns its id.
    func alert(_ extra: [String]) async throws -> String {
        let result = try await crier.run(
            ["alert", "courier-fraud", "--area", "east", "--var", "pretend_to_be=police officers", "--yes"]
                + ["--format", "json"] + extra)
        guard result.status == 0, let outcome = try result.json()["outcome"] as? [String: Any],
            let id = outcome["id"] as? String
        else {
            throw CrierBinary.Failure("alert failed: \(result.stderr)")
        }
        return id
    }

    /// Delivers everything due.
    func drain() async throws {
        let run = try await crier.run(["run", "--until-idle", "--idle-grace", "1"])
        guard run.status == 0 else { throw CrierBinary.Failure("run failed: \(run.stderr)") }
    }

    /// The recorded emails to `address`, parsed by Python's email package, in the order received.
    func emails(to address: String) throws -> [ParsedEmail] {
        try smtp.records().filter { $0.rcptTos.contains(address) }.map {
            try PythonEmailParser.parse(Data($0.data.utf8))
        }
    }
}

@Suite(
    "end to end: one alert lifecycle, true on every channel", .serialized,
    .enabled(if: CrierBinary.isBuilt))
struct AlertLifecycleEndToEndTests {
    @Test("a test alert never reaches the pages or feeds; its CAP file says Test and is valid")
    func testAlertIsNotPublished() async throws {
        let site = try await PublishingInstallation()
        let id = try await site.alert(["--status", "test"])
        #expect(try !site.published("index.html").contains("police officers"))
        #expect(try !site.published("areas/east.html").contains("police officers"))
        #expect(try PublishedFileChecks.feed(site.publishedURL("feeds/east.atom")).titles.isEmpty)
        #expect(try site.published("cap/\(id).xml").contains("<status>Test</status>"))
        #expect(try PublishedFileChecks.capSchemaProblems(site.publishedURL("cap/\(id).xml")) == nil)
    }

    @Test("an exercise is listed only with publish.exercises, and then its feed entry says EXERCISE")
    func exerciseIsMarked() async throws {
        for enabled in [false, true] {
            let site = try await PublishingInstallation(exercises: enabled)
            _ = try await site.alert(["--status", "exercise"])
            let titles = try PublishedFileChecks.feed(site.publishedURL("feeds/east.atom")).titles
            #expect(titles.count == (enabled ? 1 : 0))
            #expect(titles.allSatisfy { $0.hasPrefix("EXERCISE: ") }, "\(titles)")
        }
    }

    @Test("cancelled before anyone received it: gone from the current lists, a valid CAP Cancel in the feed")
    func cancelBeforeDelivery() async throws {
        let site = try await PublishingInstallation()
        let id = try await site.alert([])
        #expect(try site.published("areas/east.html").contains("police officers"))
        let cancel = try await site.crier.run(["cancel", id, "--reason", "Sent by mistake.", "--format", "json"])
        #expect(cancel.status == 0, "\(cancel.stderr)")
        let notice = try #require(try cancel.json()["notice"] as? [String: Any])
        let cancelID = try #require(notice["id"] as? String)
        #expect(notice["deliveries"] as? Int == 0)
        let xml = try site.published("cap/\(cancelID).xml")
        #expect(xml.contains("<msgType>Cancel</msgType>") && xml.contains(id))
        #expect(try PublishedFileChecks.capSchemaProblems(site.publishedURL("cap/\(cancelID).xml")) == nil)
        let feed = try PublishedFileChecks.feed(site.publishedURL("feeds/east.atom"))
        #expect(feed.bozo == 0, "\(feed.reason)")
        #expect(feed.links.contains { $0.hasSuffix("\(cancelID).xml") }, "\(feed.links)")
        let page = try site.published("areas/east.html")
        let current = page.components(separatedBy: "id=\"current\"").dropFirst().first ?? ""
        #expect(!(current.components(separatedBy: "</section>").first ?? "").contains("police officers"))
        try await site.drain()
        #expect(try site.smtp.records().isEmpty, "nobody had it, so nobody gets a notice")
    }

    @Test("everyone in the area gets it; an update replies and says Update:; the cancellation is in each language")
    func updateAndCancelOnEveryChannel() async throws {
        let site = try await PublishingInstallation()
        let id = try await site.alert([])
        try await site.drain()
        let original = try #require(try site.emails(to: "hana@example.org").first, "a hate-crime follower in East")
        #expect(try site.emails(to: "tess@example.org").isEmpty == false)

        let partner = try #require(try site.emails(to: "ops@example.org").first)
        #expect(partner.toDisplayName == "City Centre Operations Group")
        #expect(partner.parts.allSatisfy { !$0.content.contains("Stop these messages") })
        #expect(partner.listUnsubscribe.isEmpty)

        let update = try await site.crier.run([
            "update", id, "--yes", "--var", "recent_reports=Calls reported in Evington.",
        ])
        #expect(update.status == 0, "\(update.stderr)")
        try await site.drain()
        let corrected = try #require(try site.emails(to: "hana@example.org").last)
        #expect(corrected.subject.hasPrefix("Update: "), "\(corrected.subject)")
        #expect(corrected.inReplyTo == original.messageId && corrected.references == original.messageId)
        #expect(corrected.parts.first?.content.contains("Changed: recent_reports.") == true)

        let cancel = try await site.crier.run(["cancel", id, "--reason", "Wrong area."])
        #expect(cancel.status == 0, "\(cancel.stderr)")
        try await site.drain()
        let polish = try #require(try site.emails(to: "ewa@example.org").last)
        #expect(polish.subject.hasPrefix("Odwołano: "), "\(polish.subject)")
        #expect(polish.inReplyTo == (try site.emails(to: "ewa@example.org").first?.messageId))

        let capTypes = try site.webhooks.records().filter { $0.path == "/ok/cap" }.map { record in
            (
                record.headers["content-type"] ?? "",
                record.body.components(separatedBy: "<msgType>").dropFirst().first?
                    .prefix { $0 != "<" } ?? ""
            )
        }
        #expect(capTypes.map(\.1) == ["Alert", "Update", "Cancel"], "\(capTypes)")
        #expect(capTypes.allSatisfy { $0.0.hasPrefix("application/cap+xml") })
    }

    @Test("alerts show and approve put the content in front of the approver")
    func approverSeesContent() async throws {
        let site = try await PublishingInstallation()
        let id = try await site.alert([])
        let shown = try await site.crier.run(["alerts", "show", id])
        #expect(shown.status == 0)
        for expected in ["Subject:", "Courier fraud", "Text as sent", "pretend_to_be = police officers", "Languages:"] {
            #expect(shown.stdout.contains(expected), "\(expected) missing from: \(shown.stdout)")
        }
    }
}
