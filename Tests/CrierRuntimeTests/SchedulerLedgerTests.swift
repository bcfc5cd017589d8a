import CrierCore
import CrierStore
import CrierStoreDoubles
import Foundation
import Logging
import Synchronization
import Testing

@testable import CrierRuntime

/// Composes nothing: records the slot in the ledger as the real composer's transaction would, and
/// remembers what it was asked for.
final class RecordingSlotComposer: SlotComposer {
    private let ledger: InMemoryScheduleLedger
    private let clock: any CrierCore.Clock
    private let asked = Mutex<[String]>([])

    init(ledger: InMemoryScheduleLedger, clock: any CrierCore.Clock) {
        self.ledger = ledger
        self.clock = clock
    }

    /// Every slot key it was asked to compose, in order.
    var requests: [String] { asked.withLock { $0 } }

    func compose(_ request: CompositionRequest, scheduleID: String, slotKey: String) async throws -> ComposedMessage? {
        asked.withLock { $0.append(slotKey) }
        guard try await ledger.recordSlot(slotKey, of: scheduleID, outcome: .fired, at: clock.now()) else { return nil }
        return ComposedMessage(id: "msg_\(slotKey)", headline: request.template, deliveries: 0)
    }
}

/// The scheduler's rules against the in-memory ledger: no database, no templates rendered.
@Suite("scheduler on the in-memory ledger")
struct SchedulerLedgerTests {
    typealias Support = ScheduleTestSupport

    static func scheduler(
        _ schedules: [Schedule], ledger: InMemoryScheduleLedger, composer: RecordingSlotComposer, clock: ManualClock
    ) throws -> Scheduler {
        let configuration = try Support.configuration()
        return Scheduler(
            catalog: ScheduleCatalog(schedules: schedules), composer: composer,
            bulletins: BulletinComposer(
                outbox: try SQLiteOutbox.inMemory(), library: try Support.library(), timeZone: configuration.timeZone),
            ledger: ledger, clock: clock, planner: SchedulePlanner(configuration: configuration),
            misfireGrace: configuration.misfireGrace, areaIDs: configuration.areas.map(\.id),
            logger: Logger(label: "test"))
    }

    @Test("after downtime a fresh scheduler fires the latest slot once and records the rest missed; again, nothing")
    func downtimeAndRestart() async throws {
        let clock = ManualClock(Support.utc("2026-06-10T09:59:00Z"))
        let ledger = InMemoryScheduleLedger()
        let composer = RecordingSlotComposer(ledger: ledger, clock: clock)
        let hourly = try ScheduleFiringTests.nightly("hourly", cron: "0 * * * *")
        let fresh = { try Self.scheduler([hourly], ledger: ledger, composer: composer, clock: clock) }
        _ = try await fresh().tick()  // first seen: 10:59 BST
        clock.set(Support.utc("2026-06-10T10:30:00Z"))
        #expect(try await fresh().tick().fired.map(\.slotKey) == ["2026-06-10T11:00+01:00"])

        clock.set(Support.utc("2026-06-10T15:30:00Z"))  // down for 5 h 30 min
        let report = try await fresh().tick()
        #expect(report.fired.map(\.slotKey) == ["2026-06-10T16:00+01:00"])
        #expect(
            report.missed.map(\.slotKey) == [
                "2026-06-10T12:00+01:00", "2026-06-10T13:00+01:00", "2026-06-10T14:00+01:00", "2026-06-10T15:00+01:00",
            ])
        #expect(ledger.outcome(of: "2026-06-10T11:00+01:00", scheduleID: "hourly") == .fired)

        // Restarted again at the same moment: the slot record is the only check, and it holds.
        let again = try await fresh().tick()
        #expect(again.fired.isEmpty && again.missed.isEmpty)
        #expect(composer.requests.filter { $0 == "2026-06-10T16:00+01:00" }.count == 2)
        #expect(ledger.outcome(of: "2026-06-10T16:00+01:00", scheduleID: "hourly") == .fired)
    }
}
