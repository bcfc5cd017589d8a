import CrierCore
import CrierStore
import CrierTemplates
import Foundation
import Testing

@testable import CrierRuntime

@Suite("alerts: cancel, update, report")
struct AlertCancelUpdateTests {
    /// An exercise alert (no approval) with one email delivered, one on the wire and one pending,
    /// and the partner webhook delivered.
    func halfDelivered(_ fixture: AlertDeskFixture) async throws -> String {
        let outcome = try await fixture.desk.propose(fixture.request(status: .exercise))
        try await fixture.deliver(route: "email", claim: 2, deliver: 1)
        try await fixture.deliver(route: "partner", claim: 1, deliver: 1)
        return outcome.id
    }

    @Test("cancel withdraws what is unsent and notifies exactly who has it")
    func cancelHalfway() async throws {
        let fixture = try AlertDeskFixture()
        let id = try await halfDelivered(fixture)
        let had = Set(try fixture.outbox.deliveries(messageID: id, states: [.delivered, .leased]).map(\.destination))

        let result = try await fixture.desk.cancel(
            id: id, operatorName: "bob", reason: "The calls were a genuine survey.")
        #expect(result.withdrawn == 2)
        let notice = try #require(result.notice)
        #expect(notice.deliveries == 3)
        #expect(try fixture.outbox.deliveryCounts(messageID: id) == [.delivered: 2, .withdrawn: 3])

        let record = try #require(try fixture.outbox.message(id: notice.id))
        #expect(record.kind == .cancel && record.references == id && record.priority == .urgent)
        #expect(record.headline == "[EXERCISE] Cancelled: Urgent: Fake couriers calling in Evington")
        #expect(Set(try fixture.outbox.deliveries(messageID: notice.id).map(\.destination)) == had)

        let webhook = try #require(
            try await fixture.outbox.rendition(messageID: notice.id, channel: .webhook, locale: "en"))
        let json = try #require(try JSONSerialization.jsonObject(with: webhook.payload) as? [String: Any])
        #expect(json["msgType"] as? String == "Cancel")
        #expect(json["references"] as? String == id)
        let email = try #require(
            try await fixture.outbox.rendition(messageID: notice.id, channel: .email, locale: "en"))
        #expect(email.textBody.contains("The calls were a genuine survey."))
        #expect(email.textBody.contains("Fake couriers calling in Evington"))

        #expect(try fixture.actions(of: id) == ["propose", "send", "cancel"])
        #expect(try fixture.desk.show(id: id).alert.state == AlertPhase.cancelled.rawValue)
        #expect(try fixture.desk.show(id: id).related.map(\.id) == [notice.id])
    }

    @Test("cancelling twice is refused and queues nothing more")
    func cancelTwice() async throws {
        let fixture = try AlertDeskFixture()
        let id = try await halfDelivered(fixture)
        _ = try await fixture.desk.cancel(id: id, operatorName: "bob", reason: "mistake")
        let count = try fixture.messageCount()
        let error = try await #require(throws: AlertDeskError.self) {
            try await fixture.desk.cancel(id: id, operatorName: "bob", reason: "again")
        }
        #expect(error.description.contains("already cancelled"))
        #expect(try fixture.messageCount() == count)
    }

    @Test("cancelling an alert nobody received sends no notice")
    func cancelUnsent() async throws {
        let fixture = try AlertDeskFixture()
        let outcome = try await fixture.desk.propose(fixture.request())
        let result = try await fixture.desk.cancel(id: outcome.id, operatorName: "alice", reason: "typo")
        #expect(result.notice == nil && result.withdrawn == 5)
        #expect(try fixture.messageCount() == 1)
    }

    @Test("an expired alert cannot be cancelled or updated")
    func expired() async throws {
        let fixture = try AlertDeskFixture()
        let outcome = try await fixture.desk.propose(fixture.request(status: .exercise, expiresIn: 60))
        fixture.clock.advance(by: 61)
        let expiry = try #require(try fixture.outbox.message(id: outcome.id)?.expiresAt)
        let at = AlertDesk.timestamp(expiry, in: fixture.desk.system.configuration.timeZone)
        await #expect(throws: AlertDeskError.expired(outcome.id, at: at, action: "cancelled")) {
            try await fixture.desk.cancel(id: outcome.id, operatorName: "bob", reason: "x")
        }
        await #expect(throws: AlertDeskError.expired(outcome.id, at: at, action: "updated")) {
            try await fixture.desk.update(id: outcome.id, variables: ["instruction": "Call 999."], operatorName: "bob")
        }
    }

    @Test("an update goes to exactly the original's recipients, with corrected variables")
    func update() async throws {
        let fixture = try AlertDeskFixture()
        let id = try await halfDelivered(fixture)
        let recipients = Set(try fixture.outbox.deliveries(messageID: id).map(\.destination))
        // A new resident in the area after the alert must not get the correction.
        try fixture.outbox.upsertSubscribers(
            [SubscriberInput(email: "eve@example.org", area: "east")], now: fixture.clock.now())

        let outcome = try await fixture.desk.update(
            id: id, variables: ["instruction": "Call 999 if they are at your door."], operatorName: "bob")
        #expect(outcome.state == AlertPhase.sending.rawValue)
        #expect(Set(try fixture.outbox.deliveries(messageID: outcome.id).map(\.destination)) == recipients)
        let record = try #require(try fixture.outbox.message(id: outcome.id))
        #expect(record.kind == .update && record.references == id)
        let email = try #require(
            try await fixture.outbox.rendition(messageID: outcome.id, channel: .email, locale: "en"))
        #expect(email.textBody.contains("Call 999 if they are at your door."))
        #expect(email.textBody.contains("Callers claim to be police"))
        #expect(try await fixture.outbox.rendition(messageID: outcome.id, channel: .webhook, locale: "en") != nil)
        #expect(try fixture.actions(of: id) == ["propose", "send", "update"])
        #expect(try fixture.actions(of: outcome.id) == ["update", "send"])
    }

    @Test("an update with an undeclared variable is refused and queues nothing")
    func badUpdate() async throws {
        let fixture = try AlertDeskFixture()
        let id = try await halfDelivered(fixture)
        let unknown = try await #require(throws: CompositionError.self) {
            try await fixture.desk.update(id: id, variables: ["colour": "red"], operatorName: "bob")
        }
        #expect(unknown.cause?.variables == ["colour"])
        let multiline = try await #require(throws: CompositionError.self) {
            try await fixture.desk.update(id: id, variables: ["headline": "two\nlines"], operatorName: "bob")
        }
        #expect(multiline.cause?.variables == ["headline"])
        #expect(try fixture.messageCount() == 1)
    }

    @Test("list and show report state, counts per channel and the timeline")
    func report() async throws {
        let fixture = try AlertDeskFixture()
        let id = try await halfDelivered(fixture)
        let summary = try #require(try fixture.desk.list().first)
        #expect(summary.id == id && summary.state == AlertPhase.sending.rawValue)
        let email = try #require(summary.channels.first { $0.channel == "email" })
        #expect(email.delivered == 1 && email.pending == 2)
        let progress = try fixture.desk.progress(id: id)
        #expect(!progress.isSettled)
        try await fixture.deliver(route: "email", claim: 3, deliver: 3)
        fixture.clock.advance(by: 120)
        try await fixture.deliver(route: "email", claim: 3, deliver: 3)
        try await fixture.deliver(route: "test-hook", claim: 1, deliver: 1)
        #expect(try fixture.desk.progress(id: id).isSettled)
        #expect(try fixture.desk.show(id: id).alert.state == AlertPhase.sent.rawValue)
        #expect(try fixture.desk.show(id: id).timeline.map(\.action) == ["propose", "send"])
    }
}
