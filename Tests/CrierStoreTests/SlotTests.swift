import CrierCore
import CrierStore
import Foundation
import Testing

@Suite struct SlotTests {
    @Test func aSlotFiresOnceAndTheSecondFiringWritesNothing() async throws {
        let folder = try TemporaryFolder()
        let outbox = try SQLiteOutbox(path: folder.databasePath)
        let key = "2026-03-29T08:00:00Z"
        #expect(try outbox.slots(outcome: nil).isEmpty)
        let fired = try await outbox.recordSlot(
            scheduleID: "weekly-scams", slotKey: key, outcome: .fired, at: Fixture.t0,
            message: Fixture.message("msg_first"), renditions: [], fixedDeliveries: [Fixture.webhook("a")],
            subscribers: nil)
        #expect(fired == 1)
        // A second process (or a restart) composing the same slot under another message id.
        let again = try await SQLiteOutbox(path: folder.databasePath).recordSlot(
            scheduleID: "weekly-scams", slotKey: key, outcome: .fired, at: Fixture.t0 + 1,
            message: Fixture.message("msg_second"), renditions: [], fixedDeliveries: [Fixture.webhook("a")],
            subscribers: nil)
        #expect(again == nil)
        #expect(try outbox.message(id: "msg_second") == nil)
        #expect(try outbox.deliveries(state: nil, limit: 10).map(\.messageID) == ["msg_first"])
        #expect(try outbox.slots(outcome: nil).map(\.slotKey) == [key])
    }

    @Test func outcomesWithoutAMessageAndTheLastSlot() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        #expect(try await outbox.recordSlot("2026-03-28T08:00:00Z", of: "daily", outcome: .missed, at: Fixture.t0))
        #expect(
            try await outbox.recordSlot(
                "2026-03-29T07:00:00Z", of: "daily", outcome: .skippedNothingNew, at: Fixture.t0))
        #expect(
            try await outbox.recordSlot(
                scheduleID: "other", slotKey: "2026-03-30T07:00:00Z", outcome: .fired, at: Fixture.t0,
                message: Fixture.message("msg_x"), renditions: [], fixedDeliveries: [],
                subscribers: Fixture.residents(SubscriberAudience(areas: nil, topic: "scams"))) == 0)
        let last = try #require(try outbox.lastSlot(scheduleID: "daily"))
        #expect(last.slotKey == "2026-03-29T07:00:00Z" && last.outcome == .skippedNothingNew && last.messageID == nil)
        #expect(try outbox.slots(outcome: .missed).map(\.slotKey) == ["2026-03-28T08:00:00Z"])
        #expect(try outbox.slots(outcome: nil).count == 3)
        #expect(try outbox.slots(outcome: .fired).first?.messageID == "msg_x")
        #expect(try outbox.lastSlot(scheduleID: "never") == nil)
    }
}
