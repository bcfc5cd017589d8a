import CrierCore
import CrierStore
import CrierTemplates
import Foundation
import Testing

@testable import CrierRuntime

/// What the public, residents and partners see must match what operators did: one test per defect
/// found by using Crier as a new operator would.
@Suite("the alert lifecycle on every channel")
struct AlertLifecycleChannelTests {
    static let partnerEndpoints = [
        #"{ id: cap-feed, kind: webhook, url: "http://127.0.0.1:9/cap", areas: [city], topics: [all], format: cap }"#,
        #"{ id: ops-mailbox, name: City Centre Operations Group, kind: email, address: ccog@example.org, areas: [east], topics: [all] }"#,
    ]

    func fixture(exercises: Bool = false) throws -> AlertDeskFixture {
        let fixture = try AlertDeskFixture(
            approvals: false, extraEndpoints: Self.partnerEndpoints,
            extraYAML: "publish: { dir: public, exercises: \(exercises) }")
        try fixture.outbox.upsertSubscribers(
            [
                SubscriberInput(email: "hana@example.org", name: "Hana", area: "east", topics: ["hate-crime"]),
                SubscriberInput(email: "ewa@example.org", name: "Ewa", area: "east", topics: ["all"], locale: "pl"),
            ], now: fixture.clock.now())
        return fixture
    }

    func site(_ fixture: AlertDeskFixture) -> URL { fixture.directory.appendingPathComponent("public") }

    func text(_ fixture: AlertDeskFixture, _ path: String) throws -> String {
        try String(contentsOf: site(fixture).appendingPathComponent(path), encoding: .utf8)
    }

    @Test("an operator's alert reaches every resident of the area, whatever their topics; --topic narrows it")
    func audience() async throws {
        let fixture = try fixture()
        let everyone = try await fixture.desk.propose(fixture.request())
        let residents = try fixture.outbox.deliveries(messageID: everyone.id).filter { $0.subscriberID != nil }
        #expect(Set(residents.map(\.destination)).contains("hana@example.org"))
        let narrowed = try fixture.desk.plan(
            AlertRequest(
                template: "urgent-warning", areas: ["east"], variables: AlertDeskFixture.warning, operatorName: "alice",
                audience: .topic("scams")))
        #expect(narrowed.preview.audience == "residents and endpoints following scams")
        let all = try fixture.desk.plan(fixture.request()).preview.subscribers
        #expect(narrowed.preview.subscribers == all - 1)
    }

    @Test("a test alert is never on the pages or feeds; its CAP file keeps status Test")
    func testIsNotPublished() async throws {
        let fixture = try fixture()
        let outcome = try await fixture.desk.propose(fixture.request(status: .test))
        #expect(try !text(fixture, "index.html").contains("Fake couriers"))
        #expect(try !text(fixture, "feeds/east.atom").contains("Fake couriers"))
        #expect(try text(fixture, "cap/\(outcome.id).xml").contains("<status>Test</status>"))
    }

    @Test("an exercise is published only with publish.exercises, and then says EXERCISE", arguments: [false, true])
    func exercise(enabled: Bool) async throws {
        let fixture = try fixture(exercises: enabled)
        _ = try await fixture.desk.propose(fixture.request(status: .exercise))
        let feed = try text(fixture, "feeds/east.atom")
        #expect(feed.contains("EXERCISE: Urgent: Fake couriers") == enabled)
        #expect(try text(fixture, "areas/east.html").contains("Fake couriers") == enabled)
    }

    @Test("an alert cancelled before anyone received it leaves the lists and a CAP Cancel is published at once")
    func cancelBeforeDelivery() async throws {
        let fixture = try fixture()
        let outcome = try await fixture.desk.propose(fixture.request())
        #expect(try text(fixture, "areas/east.html").contains("Fake couriers"))
        let cancelled = try await fixture.desk.cancel(id: outcome.id, operatorName: "bob", reason: "Sent by mistake.")
        let cancel = try #require(cancelled.notice)
        #expect(cancel.deliveries == 0)
        #expect(cancelled.warnings.isEmpty)
        let xml = try text(fixture, "cap/\(cancel.id).xml")
        #expect(xml.contains("<msgType>Cancel</msgType>") && xml.contains(outcome.id))
        let page = try text(fixture, "areas/east.html")
        let current = page.components(separatedBy: "id=\"current\"").dropFirst().first ?? ""
        #expect(!current.components(separatedBy: "</section>")[0].contains("Fake couriers"))
        #expect(try text(fixture, "feeds/east.atom").contains("\(cancel.id).xml"))
    }

    @Test("a correction says Update:, what changed, replies to each recipient's email and reaches CAP endpoints as CAP")
    func update() async throws {
        let fixture = try fixture()
        let original = try await fixture.desk.propose(fixture.request(status: .exercise))
        try await fixture.deliver(route: "email", claim: 10, deliver: 10)
        try await fixture.deliver(route: "cap-feed", claim: 1, deliver: 1)
        let update = try await fixture.desk.update(
            id: original.id, variables: ["instruction": "Call 999 if they are at your door."], operatorName: "alice")
        #expect(update.headline.hasPrefix("[EXERCISE] Update: "))
        let deliveries = try fixture.outbox.deliveries(messageID: update.id)
        let originals = try fixture.outbox.deliveries(messageID: original.id)
        for delivery in deliveries {
            let replied = originals.first { $0.destination == delivery.destination }
            #expect(delivery.inReplyTo == replied?.idempotencyKey && delivery.inReplyTo != nil)
        }
        let text = try #require(try await fixture.outbox.rendition(messageID: update.id, channel: .email, locale: "en"))
        #expect(text.textBody.hasPrefix("This is an update of an earlier message. Changed: instruction."))
        let cap = try #require(deliveries.first { $0.endpointID == "cap-feed" })
        let document = try #require(
            try await fixture.outbox.rendition(messageID: update.id, channel: .webhook, locale: cap.locale))
        #expect(document.payloadContentType == CAPRendition.contentType)
        #expect(String(decoding: document.payload, as: UTF8.self).contains("<msgType>Update</msgType>"))
        #expect(try fixture.outbox.message(id: original.id)?.state == .superseded)
    }

    @Test("an update shows in place on the page, marked once, with its time")
    func updateInPlace() async throws {
        let fixture = try fixture()
        let original = try await fixture.desk.propose(fixture.request())
        try await fixture.deliver(route: "email", claim: 10, deliver: 10)
        fixture.clock.advance(by: 600)
        _ = try await fixture.desk.update(
            id: original.id, variables: ["instruction": "Call 999 if they are at your door."], operatorName: "bob")
        let current = PublishSamples.currentSection(try text(fixture, "areas/east.html"))
        #expect(current.contains("Update: Urgent: Fake couriers calling in Evington"))
        #expect(!current.contains("Update: Update:"))
        #expect(current.contains("Updated "))
        #expect(current.contains("Call 999 if they are at your door."))
    }

    @Test("the cancellation reaches a CAP endpoint as CAP and a Polish resident in Polish")
    func cancelInEachLanguage() async throws {
        let fixture = try fixture()
        let original = try await fixture.desk.propose(
            fixture.request(variables: ["pretend_to_be": "police officers"], template: "courier-fraud"))
        try await fixture.deliver(route: "email", claim: 10, deliver: 10)
        try await fixture.deliver(route: "cap-feed", claim: 1, deliver: 1)
        let cancelled = try await fixture.desk.cancel(id: original.id, operatorName: "bob", reason: "Wrong area.")
        let notice = try #require(cancelled.notice)
        let deliveries = try fixture.outbox.deliveries(messageID: notice.id)
        let ewa = try #require(deliveries.first { $0.destination == "ewa@example.org" })
        #expect(ewa.locale == "pl")
        let polish = try #require(
            try await fixture.outbox.rendition(messageID: notice.id, channel: .email, locale: "pl"))
        let received = try #require(
            try await fixture.outbox.rendition(messageID: original.id, channel: .email, locale: "pl"))
        #expect(polish.subject.hasPrefix("Odwołano: "))
        #expect(polish.subject.hasSuffix(received.subject))
        let cap = try #require(deliveries.first { $0.endpointID == "cap-feed" })
        let document = try #require(
            try await fixture.outbox.rendition(messageID: notice.id, channel: .webhook, locale: cap.locale))
        #expect(String(decoding: document.payload, as: UTF8.self).contains("<msgType>Cancel</msgType>"))
    }

    @Test("Latest bulletin is the latest area bulletin, not the latest campaign")
    func latestBulletin() async throws {
        let fixture = try fixture()
        let composer = fixture.desk.composer
        let bulletin = CompositionRequest(
            template: "area-bulletin", areas: ["east"],
            variables: [
                "period": "the week ending Sunday 29 November 2026",
                "items": .list([["headline": "Courier fraud", "summary": "Hang up on callers asking for cards."]]),
            ], proposedBy: "schedule:bulletin-east")
        try await composer.compose(bulletin)
        fixture.clock.advance(by: 60)
        try await composer.compose(
            CompositionRequest(
                template: "knife-crime-awareness", areas: ["east"], variables: [:], proposedBy: "schedule:knife"))
        try fixture.desk.system.publish(to: site(fixture))
        let page = try text(fixture, "areas/east.html")
        let latest = page.components(separatedBy: "id=\"bulletin\"").dropFirst().first ?? ""
        #expect(latest.contains("the week ending Sunday 29 November 2026") || latest.contains("bulletin"))
        #expect(!latest.components(separatedBy: "</section>")[0].contains("Knife crime"))
    }

    @Test("partner mailboxes get no unsubscribe link and are addressed by their own name")
    func partnerMailbox() async throws {
        let fixture = try fixture()
        let outcome = try await fixture.desk.propose(fixture.request())
        let mailbox = try #require(
            try fixture.outbox.deliveries(messageID: outcome.id).first { $0.endpointID == "ops-mailbox" })
        #expect(mailbox.recipientName == "City Centre Operations Group")
        let rendition = try #require(
            try await fixture.outbox.rendition(messageID: outcome.id, channel: .email, locale: mailbox.locale))
        #expect(!rendition.textBody.contains("Stop these messages"))
        #expect(!rendition.htmlBody.contains("Stop these messages"))
    }
}
