import CrierCore
import CrierStore
import CrierTemplates
import CrierTestSupport
import Foundation
import Synchronization
import Testing

@testable import CrierRuntime

/// The alerts, settings and validators the publishing tests share.
enum PublishSamples {
    static let london = TimeZone(identifier: "Europe/London") ?? .gmt
    /// Thursday 26 November 2026, 16:40 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_795_711_200)

    static let areas = [
        Area(id: "west", name: "West NPA"), Area(id: "central", name: "Central NPA"),
        Area(id: "south", name: "South NPA"),
        Area(id: "east", name: "East NPA", polygon: "52.63,-1.10 52.64,-1.05 52.61,-1.04 52.63,-1.10"),
    ]

    static let settings = PublishSettings(
        profile: CAPProfile(
            sender: "alerts@example.org", senderName: "Safer Leicester Partnership", timeZone: london,
            webURLPattern: "https://example.org/alerts/{id}"),
        areas: areas, cityName: "Leicester", authorEmail: "alerts@example.org")

    static let fraud = CAPInfo(
        category: .security, event: "Courier fraud", urgency: .immediate, severity: .severe, certainty: .observed,
        responseType: .avoid)
    static let cancelled = CAPInfo(
        category: .safety, event: "Alert cancelled", urgency: .past, severity: .minor, certainty: .observed,
        responseType: .allClear)

    static func alert(
        _ id: String, kind: MessageKind = .alert, areas: [String] = ["east"], at offset: TimeInterval,
        references: String? = nil, expires: TimeInterval? = 86_400, priority: Priority = .urgent,
        state: MessageState = .queued, headline: String, cap: CAPInfo = fraud, locales: [String] = ["en", "pl"]
    ) -> PublishableAlert {
        let message = MessageRecord(
            id: id, kind: kind, status: .actual, template: kind == .cancel ? "alert-cancelled" : "courier-fraud",
            topic: "scams", areas: areas, priority: priority, state: state, headline: headline,
            references: references, proposedBy: "ops", createdAt: t0.addingTimeInterval(offset),
            expiresAt: expires.map { t0.addingTimeInterval($0) })
        let renditions = locales.flatMap { locale in
            [
                Rendition(
                    messageID: id, channel: .email, locale: locale, subject: "\(headline) (\(locale))",
                    textBody: "\(headline)\n\nDetails & advice <here> for \(locale).\n\n--\nHow to report: call 101",
                    htmlBody: "<p>\(headline)</p>"),
                Rendition(messageID: id, channel: .webhook, locale: locale, payload: Data("{}".utf8)),
            ]
        }
        return PublishableAlert(message: message, renditions: renditions, cap: cap)
    }

    static let original = alert("msg_a1", at: 0, headline: "Callers pretending to be police")
    static let update = alert(
        "msg_u1", kind: .update, at: 600, references: "msg_a1", headline: "Update: callers now claim to be bank staff")
    static let cancel = alert(
        "msg_c1", kind: .cancel, at: 1200, references: "msg_u1", expires: nil, headline: "Alert cancelled",
        cap: cancelled, locales: ["en"])
    static let bulletin = alert(
        "msg_b1", areas: ["city"], at: -3600, expires: nil, priority: .normal, headline: "Weekly safety bulletin")
    static let pending = alert(
        "msg_p1", areas: ["central"], at: 900, state: .awaitingApproval, headline: "Not yet approved")

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crier-publish-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func text(_ folder: URL, _ path: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(path)), as: UTF8.self)
    }

    /// The page's current-advice section alone.
    static func currentSection(_ page: String) -> String {
        let start = page.components(separatedBy: "id=\"current\"").dropFirst().first ?? ""
        return start.components(separatedBy: "</section>").first ?? ""
    }

    /// feedparser's verdict on a feed file: bozo flag, entry ids, CAP links and its complaint.
    static func feedparser(_ file: URL) throws -> (bozo: Int, ids: [String], links: [String], output: String) {
        let feed = try PublishedFileChecks.feed(file)
        return (feed.bozo, feed.ids, feed.links, feed.reason)
    }
}

@Suite("Publishing CAP, Atom and HTML")
struct PublishTests {
    let publisher = Publisher(settings: PublishSamples.settings)
    let all = [
        PublishSamples.original, PublishSamples.update, PublishSamples.cancel, PublishSamples.bulletin,
        PublishSamples.pending,
    ]

    @Test("writes every CAP file valid against the schema, and feeds feedparser reads without errors")
    func publishesValidFiles() throws {
        let folder = try PublishSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try publisher.publish(to: folder, alerts: all, now: PublishSamples.t0.addingTimeInterval(3600))
        let caps = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cap").path)
            .sorted()
        #expect(caps == ["msg_a1.xml", "msg_b1.xml", "msg_c1.xml", "msg_u1.xml"])
        for name in caps {
            let result = try PublishedFileChecks.run([
                "xmllint", "--noout", "--schema", PublishedFileChecks.capSchema.path,
                folder.appendingPathComponent("cap/\(name)").path,
            ])
            #expect(result.status == 0, "\(name): \(result.output)")
        }
        for feed in ["city", "west", "central", "south", "east"] {
            let parsed = try PublishSamples.feedparser(folder.appendingPathComponent("feeds/\(feed).atom"))
            #expect(parsed.bozo == 0, "\(feed): \(parsed.output)")
        }
        let east = try PublishSamples.feedparser(folder.appendingPathComponent("feeds/east.atom"))
        #expect(east.ids == ["tag:alerts@example.org,2026:cap/msg_c1", "tag:alerts@example.org,2026:cap/msg_b1"])
        #expect(east.links == ["../cap/msg_c1.xml", "../cap/msg_b1.xml"])
        #expect(
            try PublishSamples.feedparser(folder.appendingPathComponent("feeds/west.atom")).ids
                == ["tag:alerts@example.org,2026:cap/msg_b1"])
        for page in ["index.html", "areas/west.html", "areas/central.html", "areas/south.html", "areas/east.html"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(page).path), "\(page)")
        }
        #expect(report.skipped.isEmpty)
        let everything = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        #expect(
            !everything.contains { $0.contains("Not yet approved") || $0.contains("msg_p1") || $0.hasSuffix(".tmp") })
        #expect(try !PublishSamples.text(folder, "feeds/city.atom").contains("Not yet approved"))
    }

    @Test("updates and cancels reference every earlier message of the chain, oldest first")
    func referencesChain() throws {
        let folder = try PublishSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try publisher.publish(to: folder, alerts: all, now: PublishSamples.t0.addingTimeInterval(3600))
        let update = try PublishSamples.text(folder, "cap/msg_u1.xml")
        #expect(update.contains("<msgType>Update</msgType>"))
        #expect(update.contains("<references>alerts@example.org,msg_a1,2026-11-26T16:40:00+00:00</references>"))
        let cancel = try PublishSamples.text(folder, "cap/msg_c1.xml")
        #expect(cancel.contains("<msgType>Cancel</msgType>"))
        #expect(
            cancel.contains(
                "<references>alerts@example.org,msg_a1,2026-11-26T16:40:00+00:00 alerts@example.org,msg_u1,2026-11-26T16:50:00+00:00</references>"
            ))
        let original = try PublishSamples.text(folder, "cap/msg_a1.xml")
        #expect(!original.contains("<references>"))
        #expect(original.contains("<language>en-GB</language>") && original.contains("<language>pl</language>"))
        #expect(original.contains("<headline>Callers pretending to be police (pl)</headline>"))
        #expect(
            original.contains(
                "<description>Callers pretending to be police\n\nDetails &amp; advice &lt;here&gt; for en.</description>"
            ))
    }

    @Test("a cancel removes the alert from the area's current advice, and its Cancel CAP is published")
    func cancelRemovesFromCurrent() throws {
        let folder = try PublishSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = PublishSamples.t0.addingTimeInterval(3600)
        let before = [PublishSamples.original, PublishSamples.update, PublishSamples.bulletin]
        _ = try publisher.publish(to: folder, alerts: before, now: now)
        let east = try PublishSamples.text(folder, "areas/east.html")
        // An update is marked once: the page drops the subject's own "Update: ".
        #expect(east.contains("<h3>Update: callers now claim to be bank staff (en)</h3>"))
        #expect(
            PublishPlan(alerts: before, settings: PublishSamples.settings, now: now).current(areaID: "east").count == 2)

        _ = try publisher.publish(to: folder, alerts: before + [PublishSamples.cancel], now: now)
        let plan = PublishPlan(alerts: before + [PublishSamples.cancel], settings: PublishSamples.settings, now: now)
        #expect(plan.current(areaID: "east").map(\.root.message.id) == ["msg_b1"])
        // Gone from current advice; shown as cancelled, in place, under recently withdrawn.
        let after = try PublishSamples.text(folder, "areas/east.html")
        #expect(!PublishSamples.currentSection(after).contains("bank staff"))
        #expect(after.contains("Weekly safety bulletin"))
        #expect(try !PublishSamples.currentSection(PublishSamples.text(folder, "index.html")).contains("bank staff"))
        #expect(after.contains("Cancelled "))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("cap/msg_c1.xml").path))
        #expect(try PublishSamples.text(folder, "feeds/east.atom").contains("../cap/msg_c1.xml"))
    }

    @Test("expired and cancelled alerts leave the feeds after the retention period, not before")
    func retention() throws {
        let settings = PublishSamples.settings
        let day: TimeInterval = 86_400
        let justExpired = PublishPlan(
            alerts: all, settings: settings, now: PublishSamples.t0.addingTimeInterval(2 * day))
        #expect(justExpired.current(areaID: "east").map(\.root.message.id) == ["msg_b1"])
        #expect(justExpired.listed(areaID: "east").count == 2)

        let later = PublishSamples.t0.addingTimeInterval(20 * day)
        let folder = try PublishSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try publisher.publish(to: folder, alerts: all, now: later)
        let east = try PublishSamples.feedparser(folder.appendingPathComponent("feeds/east.atom"))
        #expect(east.bozo == 0)
        #expect(east.ids.isEmpty)
        let plan = PublishPlan(alerts: all, settings: settings, now: later)
        #expect(plan.listed.isEmpty)
        // The feed changed when the last thread dropped out: the bulletin, 7 days valid plus 7 days kept.
        #expect(plan.feedUpdated(areaID: "east") == PublishSamples.t0.addingTimeInterval(-3600 + 14 * day))
        let shortRetention = PublishSettings(
            profile: settings.profile, areas: settings.areas, retention: 3600, defaultValidity: day)
        let short = PublishPlan(
            alerts: all, settings: shortRetention, now: PublishSamples.t0.addingTimeInterval(2 * day))
        #expect(short.listed.isEmpty)
    }

    @Test("an update whose original is not published is reported, not guessed at")
    func orphanUpdate() throws {
        let folder = try PublishSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try publisher.publish(to: folder, alerts: [PublishSamples.update], now: PublishSamples.t0)
        #expect(report.skipped.keys.sorted() == ["msg_u1"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("cap/msg_u1.xml").path))
    }

    @Test("publishing again with nothing new rewrites nothing")
    func idempotent() throws {
        let folder = try PublishSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = PublishSamples.t0.addingTimeInterval(3600)
        let first = try publisher.publish(to: folder, alerts: all, now: now)
        #expect(first.written.count == 14)
        let paths = try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
        func stamps() throws -> [String: Date] {
            var result: [String: Date] = [:]
            for path in paths {
                let attributes = try FileManager.default.attributesOfItem(
                    atPath: folder.appendingPathComponent(path).path)
                result[path] = attributes[.modificationDate] as? Date
            }
            return result
        }
        let before = try stamps()
        Thread.sleep(forTimeInterval: 0.05)
        let second = try publisher.publish(to: folder, alerts: all, now: now.addingTimeInterval(60))
        #expect(second.written.isEmpty)
        #expect(second.unchanged == first.written.count)
        #expect(try stamps() == before)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted() == paths)
    }

    @Test("a reader never sees a half-written file while the site is republished many times")
    func atomicRewrite() throws {
        let folder = try PublishSamples.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = PublishSamples.t0.addingTimeInterval(3600)
        let versionA = [PublishSamples.original, PublishSamples.update, PublishSamples.bulletin]
        let versionB = versionA + [PublishSamples.cancel]
        let watched = ["feeds/east.atom", "areas/east.html", "index.html"]
        _ = try publisher.publish(to: folder, alerts: versionB, now: now)
        let contentsB = try watched.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        _ = try publisher.publish(to: folder, alerts: versionA, now: now)
        let contentsA = try watched.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        #expect(contentsA != contentsB)

        let state = ReaderState()
        let reader = Thread {
            var index = 0
            while !state.stop.load(ordering: .acquiring) {
                let slot = index % watched.count
                index += 1
                guard let data = try? Data(contentsOf: folder.appendingPathComponent(watched[slot])) else {
                    state.record("\(watched[slot]) missing")
                    continue
                }
                if data != contentsA[slot] && data != contentsB[slot] {
                    state.record("\(watched[slot]): \(data.count) unexpected bytes")
                }
                state.reads.add(1, ordering: .relaxed)
            }
            state.done.store(true, ordering: .releasing)
        }
        reader.start()
        for round in 0..<60 {
            _ = try publisher.publish(to: folder, alerts: round.isMultiple(of: 2) ? versionB : versionA, now: now)
        }
        state.stop.store(true, ordering: .releasing)
        while !state.done.load(ordering: .acquiring) { Thread.sleep(forTimeInterval: 0.005) }
        let problems = state.problems()
        #expect(problems.count == 0, "first torn reads: \(problems.prefix(5))")
        #expect(state.reads.load(ordering: .relaxed) > 100)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("the outbox loader returns publishable messages with their renditions and the originals they refer to")
    func loadsFromOutbox() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        let old = PublishSamples.alert(
            "msg_old", at: -30 * 86_400, expires: -29 * 86_400, headline: "Old original", locales: ["en"])
        let oldUpdate = PublishSamples.alert(
            "msg_oldu", kind: .update, at: -60, references: "msg_old", expires: 86_400, headline: "Still valid update")
        for alert in all + [old, oldUpdate] {
            try await outbox.enqueue(
                alert.message, renditions: alert.renditions, deliveries: [NewDelivery](), now: alert.message.createdAt)
        }
        let stored = try outbox.publishableMessages(since: PublishSamples.t0.addingTimeInterval(-7 * 86_400))
        #expect(stored.map(\.message.id) == ["msg_old", "msg_b1", "msg_oldu", "msg_a1", "msg_u1", "msg_c1"])
        #expect(stored.first { $0.message.id == "msg_a1" }?.renditions.count == 4)
        let plan = PublishPlan(
            alerts: stored.map {
                PublishableAlert(message: $0.message, renditions: $0.renditions, cap: PublishSamples.fraud)
            },
            settings: PublishSamples.settings, now: PublishSamples.t0)
        #expect(plan.skipped.isEmpty)
        #expect(plan.references(of: oldUpdate.message).map(\.identifier) == ["msg_old"])
    }

    @Test("the instruction variable is read from the message's variables")
    func instructionVariable() {
        #expect(
            PublishableAlert.instruction(fromVariablesJSON: #"{"instruction":"Hang up & call 101"}"#)
                == "Hang up & call 101")
        #expect(PublishableAlert.instruction(fromVariablesJSON: #"{"other":"x"}"#) == nil)
        #expect(PublishableAlert.instruction(fromVariablesJSON: "not json") == nil)
    }

    @Test("ids become safe file names", arguments: [("msg_abc", "msg_abc"), ("../etc", "_._etc"), ("a b/c", "a_b_c")])
    func fileNames(id: String, expected: String) {
        #expect(Publisher.fileName(id) == expected)
    }
}

/// Shared between the test and its reader thread.
final class ReaderState: Sendable {
    let stop = Atomic<Bool>(false)
    let done = Atomic<Bool>(false)
    let reads = Atomic<Int>(0)
    private let found = Mutex<[String]>([])

    /// Keeps the first few problems; one is enough to fail.
    func record(_ problem: String) {
        found.withLock { if $0.count < 20 { $0.append(problem) } }
    }
    func problems() -> [String] { found.withLock { $0 } }
}
