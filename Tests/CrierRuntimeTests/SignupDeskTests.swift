import CrierCore
import CrierStore
import CrierTestSupport
import Foundation
import Testing

@testable import CrierRuntime

/// An installation with an email relay and a public URL, on a manual clock, for the sign-up,
/// suppression and bounce desks.
struct SignupInstallation {
    static let t0 = Date(timeIntervalSince1970: 1_795_711_200)
    let directory: URL
    let clock = ManualClock(SignupInstallation.t0)
    let system: CrierSystem

    init() throws {
        directory = try TestPaths.makeTemporaryDirectory(prefix: "crier-signup")
        let templates = TestPaths.repositoryRoot.appendingPathComponent("templates").path
        let yaml = """
            database: crier.sqlite
            templates: \(templates)
            sender: { name: Safer Leicester Partnership, email: alerts@example.org }
            email:
              relay: smtp://127.0.0.1:2525
              tls: none
              from: "Safer Leicester Partnership <alerts@example.org>"
              unsubscribe_url: "https://alerts.example.org/unsubscribe/{token}"
            http: { public_url: "https://alerts.example.org/" }
            """
        let file = directory.appendingPathComponent("crier.yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        system = try CrierSystem.open(configuration: file, clock: clock)
    }

    var outbox: SQLiteOutbox { system.outbox }

    /// The confirmation emails sent to `email` so far: their text bodies, oldest first.
    func confirmationTexts(to email: String) throws -> [String] {
        let deliveries = try outbox.exportSubscriber(email: email)?.deliveries ?? []
        return try deliveries.flatMap { try outbox.renditions(messageID: $0.messageID) }.map(\.textBody)
    }

    /// The token in the newest confirmation link sent to `email`.
    func latestToken(to email: String) throws -> String? {
        guard let text = try confirmationTexts(to: email).last,
            let range = text.range(of: "https://alerts.example.org/subscribe/confirm/")
        else { return nil }
        return String(text[range.upperBound...].prefix { $0.isLetter || $0.isNumber })
    }

    func importCSV(_ csv: String) throws -> SubscriberImportReport {
        let file = directory.appendingPathComponent("residents-\(UUID().uuidString).csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        return try SubscriberDesk(system: system).importCSV(file: file.path, skipInvalid: false, actor: "importer")
    }
}

@Suite("sign-up: double opt-in, expiry, consent, suppression")
struct SignupDeskTests {
    @Test func aRequestQueuesOneConfirmationEmailThatIsNoAlert() async throws {
        let installation = try SignupInstallation()
        let desk = SignupDesk(system: installation.system)
        try await desk.request(
            email: "new.resident@example.org", area: "east", topics: ["scams"], locale: "pl", source: "web form")
        let texts = try installation.confirmationTexts(to: "new.resident@example.org")
        #expect(texts.count == 1)
        #expect(texts.first?.contains("Potwierdź") == true, "the Polish wording: \(texts)")
        let token = try #require(try installation.latestToken(to: "new.resident@example.org"))
        #expect(token.count == 43)
        // Not a subscriber yet, and nowhere an alert would show.
        #expect(try installation.outbox.subscriber(email: "new.resident@example.org") == nil)
        #expect(try installation.outbox.messages(limit: 10).isEmpty)
        #expect(try installation.outbox.publishableMessages(since: .distantPast).isEmpty)
        #expect(try installation.outbox.urgentMessages(limit: 10).isEmpty)
        let deliveries = try #require(try installation.outbox.exportSubscriber(email: "new.resident@example.org"))
            .deliveries
        #expect(deliveries.map(\.destination) == ["new.resident@example.org"])
    }

    @Test func confirmingActivatesWithConsentAndExpiredLinksAreRefusedAndPurged() async throws {
        let installation = try SignupInstallation()
        let desk = SignupDesk(system: installation.system)
        try await desk.request(
            email: "kim@example.org", area: "west", topics: [], locale: "en", source: "partner neighbourhood-link")
        let token = try #require(try installation.latestToken(to: "kim@example.org"))
        #expect(try desk.pending(token: token)?.area == "west")
        #expect(try desk.confirm(token: "not-the-token") == false)
        installation.clock.advance(by: 3_600)
        #expect(try desk.confirm(token: token))
        let person = try #require(try installation.outbox.subscriber(email: "kim@example.org"))
        #expect(person.unsubscribedAt == nil && person.topics == ["all"])
        #expect(
            person.consent
                == SubscriberConsent(
                    at: SignupInstallation.t0.addingTimeInterval(3_600), source: "partner neighbourhood-link",
                    wordingVersion: ConsentWording.version))
        // A used link does not work twice, and no copy of it stays in the outbox.
        #expect(try desk.confirm(token: token) == false)
        #expect(try installation.confirmationTexts(to: "kim@example.org").allSatisfy { !$0.contains(token) })

        try await desk.request(
            email: "lee@example.org", area: "south", topics: ["asb"], locale: "gu", source: "web form")
        let late = try #require(try installation.latestToken(to: "lee@example.org"))
        installation.clock.advance(by: SignupDesk.confirmationLifetime - 1)
        #expect(try desk.pending(token: late) != nil, "still valid one second before seven days")
        installation.clock.advance(by: 1)
        #expect(try desk.pending(token: late) == nil)
        #expect(try desk.confirm(token: late) == false)
        #expect(try installation.outbox.subscriber(email: "lee@example.org") == nil)
        #expect(try installation.outbox.pendingSignupCount(now: .distantPast) == 0, "the expired request is purged")
        #expect(try installation.confirmationTexts(to: "lee@example.org").allSatisfy { !$0.contains(late) })
        let unsent = try #require(try installation.outbox.exportSubscriber(email: "lee@example.org")).deliveries
        #expect(unsent.map(\.state) == ["withdrawn"], "an expired confirmation is not sent any more")
    }

    @Test func badFieldsAreNamedAndKnownAddressesGetTheSameAnswer() async throws {
        let installation = try SignupInstallation()
        let desk = SignupDesk(system: installation.system)
        let error = await #expect(throws: SignupError.self) {
            try await desk.request(
                email: "not an address", area: "north", topics: ["gossip"], locale: "english!", source: "web form")
        }
        #expect(error?.problems.map(\.field) == ["email", "area", "topics", "locale"])
        _ = try installation.importCSV("email,name,area,topics,locale\nann@example.org,Ann,east,all,en\n")
        // A subscribed address: accepted alike, and only a confirmation email goes to it.
        try await desk.request(email: "ann@example.org", area: "west", topics: [], locale: "en", source: "web form")
        #expect(try installation.confirmationTexts(to: "ann@example.org").count == 1)
        #expect(
            try installation.outbox.subscriber(email: "ann@example.org")?.area == "east", "unchanged until confirmed")
        // More than three waiting requests send nothing more, and still answer alike.
        for _ in 0..<4 {
            try await desk.request(email: "ann@example.org", area: "west", topics: [], locale: "en", source: "web form")
        }
        #expect(try installation.confirmationTexts(to: "ann@example.org").count == 3)
    }

    @Test func importSkipsSuppressedAddressesUntilTheyConfirmASignUp() async throws {
        let installation = try SignupInstallation()
        _ = try installation.importCSV(
            "email,name,area,topics,locale\nann@example.org,Ann,east,all,en\nbob@example.org,Bob,west,all,en\n")
        let ann = try #require(try installation.outbox.subscriber(email: "ann@example.org"))
        try SubscriberDesk(system: installation.system).unsubscribe(token: ann.unsubscribeToken)
        _ = try SubscriberDesk(system: installation.system).forget(email: "bob@example.org", actor: "carol")
        let suppressed = try SubscriberDesk(system: installation.system).suppressed()
        #expect(suppressed.map(\.reason) == ["unsubscribed", "forgotten"])
        #expect(suppressed.last?.email == nil && suppressed.last?.hash.hasPrefix("sha256:") == true)

        let report = try installation.importCSV(
            """
            email,name,area,topics,locale
            ANN@example.org,Ann,east,all,en
            bob@example.org,Bob,west,all,en
            cat@example.org,Cat,south,all,en
            """)
        #expect(report.inserted == 1 && report.updated == 0)
        #expect(report.suppressed.map(\.line) == [2, 3])
        #expect(
            report.suppressed.first?.description
                == "line 2: ANN@example.org is suppressed (unsubscribed on 2026-11-26): not re-subscribed without their confirmation"
        )
        #expect(report.suppressed.last?.reason == "forgotten")
        #expect(try installation.outbox.subscriber(email: "bob@example.org") == nil)

        // Ann signs up again herself: confirming lifts the suppression and re-activates her.
        let desk = SignupDesk(system: installation.system)
        try await desk.request(
            email: "ann@example.org", area: "central", topics: ["scams"], locale: "en", source: "web form")
        #expect(try installation.outbox.subscriber(email: "ann@example.org")?.unsubscribedAt != nil)
        let token = try #require(try installation.latestToken(to: "ann@example.org"))
        #expect(try desk.confirm(token: token))
        let again = try #require(try installation.outbox.subscriber(email: "ann@example.org"))
        #expect(
            again.unsubscribedAt == nil && again.area == "central" && again.unsubscribeToken == ann.unsubscribeToken)
        #expect(try installation.outbox.suppression(email: "ann@example.org") == nil)
    }
}

@Suite("bounces: hard and complaints at once, soft at 3 in 14 days")
struct BounceDeskTests {
    @Test func theRuleAsATable() throws {
        let installation = try SignupInstallation()
        _ = try installation.importCSV("email,name,area,topics,locale\nsoft@example.org,Sam,east,all,en\n")
        let desk = BounceDesk(system: installation.system)
        let day: TimeInterval = 86_400
        #expect(
            try desk.record(email: "hard@example.org", kind: "hard", reason: "5.1.1", source: "t").suppressed
                == "hard-bounce")
        #expect(
            try desk.record(email: "spam@example.org", kind: "complaint", reason: "abuse", source: "t").suppressed
                == "complaint")
        // Soft: day 0, day 10, day 20 (only two within 14 days), day 21 (three within 14 days).
        let soft = {
            try desk.record(email: "soft@example.org", kind: "soft", reason: "4.2.2 mailbox full", source: "t")
        }
        #expect(try soft().suppressed == nil)
        installation.clock.advance(by: 10 * day)
        #expect(try soft().suppressed == nil)
        installation.clock.advance(by: 10 * day)
        let third = try soft()
        #expect(third.suppressed == nil && third.recentSoftBounces == 2)
        installation.clock.advance(by: day)
        #expect(try soft().suppressed == "soft-bounces")
        #expect(try installation.outbox.subscriber(email: "soft@example.org")?.unsubscribedAt != nil)

        let counts = try desk.counts()
        #expect(counts.bounces == ["hard": 1, "soft": 4, "complaint": 1])
        #expect(counts.suppressions["soft-bounces"] == 1 && counts.totalSuppressions == 3)
        let error = #expect(throws: BounceError.self) {
            try desk.record(email: "x", kind: "bouncy", reason: "", source: "t")
        }
        #expect(error?.problems.map(\.field) == ["email", "kind"])
    }

    @Test func deliveryStatusNotificationsAreReadByKind() throws {
        let maildir = TestPaths.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/bounces")
        func read(_ name: String) throws -> BounceNotification.Reading {
            for sub in ["new", "cur"] {
                let folder = maildir.appendingPathComponent(sub)
                if let file = try FileManager.default.contentsOfDirectory(atPath: folder.path).first(where: {
                    $0.hasPrefix(name)
                }) {
                    return BounceNotification.read(
                        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8))
                }
            }
            Issue.record("no fixture \(name)")
            return .notABounce("missing")
        }
        #expect(
            try read("1795700001")
                == .bounces([
                    .init(
                        email: "gone.resident@example.org", kind: .hard,
                        reason:
                            "5.1.1 smtp; 550 5.1.1 <gone.resident@example.org>: Recipient address rejected: User unknown in virtual mailbox table"
                    )
                ]))
        guard case .bounces(let soft) = try read("1795700002") else {
            Issue.record("not read as a bounce")
            return
        }
        #expect(soft.map(\.kind) == [.soft] && soft.first?.email == "full.mailbox@example.org")
        guard case .bounces(let complaint) = try read("1795700004") else {
            Issue.record("not read")
            return
        }
        #expect(complaint.map(\.kind) == [.complaint] && complaint.first?.email == "annoyed@example.org")
        guard case .notABounce = try read("1795700005") else {
            Issue.record("a plain email read as a bounce")
            return
        }
    }
}
