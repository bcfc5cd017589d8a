import CrierCore
import CrierStore
import Foundation
import Testing

/// Writing one resident for a partner: created, updated, unchanged (nothing written), and an
/// unsubscribed address left alone; each write with its audit line.
@Suite struct PartnerSubscriberStoreTests {
    static func audit(_ created: Bool) -> AuditEntry {
        AuditEntry(
            at: Fixture.t0, actor: "partner nlink", action: created ? "create" : "update", subject: "a subscriber")
    }

    static func consent(_ at: Date) -> SubscriberConsent {
        SubscriberConsent(at: at, source: "partner nlink", wordingVersion: "the partner's own")
    }

    @Test func createUpdateUnchangedAndUnsubscribed() throws {
        let outbox = try SQLiteOutbox.inMemory()
        let input = SubscriberInput(email: "ann@example.org", area: "west", topics: ["scams"], locale: "en")
        guard
            case .created(let ann) = try outbox.putSubscriber(
                input, keepingNameWhenNil: "Ann", consent: Self.consent(Fixture.t0), audit: Self.audit)
        else {
            Issue.record("not created")
            return
        }
        #expect(ann.name == "Ann" && ann.unsubscribeToken.count >= 32)
        #expect(try outbox.subscriber(email: "ann@example.org")?.consent?.source == "partner nlink")

        let same = try outbox.putSubscriber(
            SubscriberInput(email: "ANN@example.org", area: "west", topics: ["scams"], locale: "en"),
            keepingNameWhenNil: nil, consent: Self.consent(Fixture.t0 + 1), audit: Self.audit)
        #expect(same == .unchanged(ann))

        let moved = try outbox.putSubscriber(
            SubscriberInput(email: "ann@example.org", area: "east", topics: ["all"], locale: "en"),
            keepingNameWhenNil: nil, consent: Self.consent(Fixture.t0 + 2), audit: Self.audit)
        guard case .updated(let updated) = moved else {
            Issue.record("not updated: \(moved)")
            return
        }
        #expect(updated.area == "east" && updated.topics == ["all"] && updated.name == "Ann")
        #expect(try outbox.subscriber(email: "ann@example.org") == updated)
        #expect(try outbox.audit(since: nil).map(\.action) == ["create", "update"])

        #expect(try outbox.unsubscribe(token: ann.unsubscribeToken, now: Fixture.t0 + 3))
        let refused = try outbox.putSubscriber(
            input, keepingNameWhenNil: nil, consent: Self.consent(Fixture.t0 + 4), audit: Self.audit)
        #expect(refused == .suppressed(.unsubscribed))
        #expect(try outbox.subscriber(email: "ann@example.org")?.unsubscribedAt != nil)
        #expect(try outbox.audit(since: nil).count == 2)
    }
}
