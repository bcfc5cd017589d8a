import CrierCore
import CrierStore
import Foundation
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import Testing

@testable import CrierRuntime

/// Holds transfers until the test opens it, and counts how many arrived: a test knows what is in
/// flight without sleeping.
final class DeliveryGate: Sendable {
    private struct State {
        var arrived = 0
        var isOpen = false
        var held: [CheckedContinuation<Void, Never>] = []
        var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    /// Arrives, and waits until the gate is open.
    func pass() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (open, ready) = state.withLock { state in
                state.arrived += 1
                let ready = state.watchers.filter { $0.count <= state.arrived }.map(\.continuation)
                state.watchers.removeAll { $0.count <= state.arrived }
                if !state.isOpen { state.held.append(continuation) }
                return (state.isOpen, ready)
            }
            for watcher in ready { watcher.resume() }
            if open { continuation.resume() }
        }
    }

    /// Returns once `count` transfers have arrived.
    func arrivals(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if state.arrived >= count { return true }
                state.watchers.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Lets every held and later transfer through.
    func open() {
        let held = state.withLock { state in
            state.isOpen = true
            defer { state.held = [] }
            return state.held
        }
        for continuation in held { continuation.resume() }
    }
}

@Suite("graceful shutdown of the services")
struct ServiceShutdownTests {
    typealias Support = ScheduleTestSupport

    /// Yields until `condition` holds: waits for other tasks to reach a point, never for time.
    /// Gives up (failing the test) after a few million turns rather than hang the suite.
    static func until(
        _ condition: () throws -> Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        var turns = 0
        while try !condition() {
            turns += 1
            await Task.yield()
            guard turns < 1_000_000 else { break }
        }
        guard try condition() else {
            Issue.record("the awaited condition never held", sourceLocation: sourceLocation)
            throw CancellationError()
        }
    }

    @Test("the dispatcher finishes and records what is in flight, claims nothing more, and gives its leases back")
    func dispatcherFinishesInFlight() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await DispatcherTests().enqueue(outbox, DispatcherTests.message("msg_stop"), DispatcherTests.webhooks(20))
        let gate = DeliveryGate()
        let transport = ScriptedTransport { _ in
            await gate.pass()
            return .delivered(detail: "HTTP 200")
        }
        let dispatcher = Dispatcher(
            store: outbox, transports: [.webhook: transport], settings: DispatcherTests.settings(concurrency: 2))
        let service = DispatchService(dispatcher: dispatcher, logger: Logger(label: "test"))
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                await gate.arrivals(2)
                #expect(try outbox.summary(now: Date()).byState["leased"] == 2)
                trigger.triggerGracefulShutdown()
                gate.open()
                try await group.waitForAll()
            }
        }
        let summary = try outbox.summary(now: Date())
        #expect(service.report?.delivered == 2)
        #expect(summary.byState["delivered"] == 2)
        #expect(summary.byState["leased", default: 0] == 0)
        #expect(summary.byState["pending"] == 18)
        #expect(transport.calls.count == 2)
    }

    @Test("a shutdown during the drain's first pass lets the pass finish, then claims nothing")
    func shutdownDuringFirstPass() async throws {
        let outbox = try SQLiteOutbox.inMemory()
        try await DispatcherTests().enqueue(outbox, DispatcherTests.message("msg_first"), DispatcherTests.webhooks(5))
        let gate = DeliveryGate()
        let passes = Mutex(0)
        let transport = ScriptedTransport { _ in .delivered(detail: "HTTP 200") }
        let dispatcher = Dispatcher(
            store: outbox, transports: [.webhook: transport], settings: DispatcherTests.settings(concurrency: 2))
        let service = DispatchService(
            dispatcher: dispatcher, untilIdle: true,
            firstPass: {
                await gate.pass()
                passes.withLock { $0 += 1 }
            }, logger: Logger(label: "test"))
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                await gate.arrivals(1)
                trigger.triggerGracefulShutdown()
                gate.open()
                try await group.waitForAll()
            }
        }
        #expect(passes.withLock { $0 } == 1)
        #expect(service.report?.attempts == 0)
        #expect(transport.calls.isEmpty)
        #expect(try outbox.summary(now: Date()).byState["pending"] == 5)
    }

    @Test("the scheduler waits on its clock: advancing it fires the next slot; shutdown ends the wait and the run")
    func schedulerWaitsOnTheClockAndReturns() async throws {
        // 09:01 BST on a June morning, outside quiet hours: the 09:00 slot was before it was seen.
        let (system, clock) = try Support.system(at: Support.utc("2026-06-10T08:01:00Z"))
        let scheduler = try Support.scheduler(
            system, [try ScheduleFiringTests.nightly("every-five", cron: "*/5 * * * *")])
        let fired = { try system.outbox.slots(outcome: .fired).map(\.slotKey) }
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await scheduler.run() }
                // The first pass sees the schedule (none of its past fires), then waits on the clock.
                try await Self.until { clock.sleepers == 1 }
                #expect(try fired().isEmpty)
                clock.advance(by: 240)
                try await Self.until { try fired().count == 1 && clock.sleepers == 1 }
                #expect(try fired() == ["2026-06-10T09:05+01:00"])
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(clock.sleepers == 0)
        #expect(try fired() == ["2026-06-10T09:05+01:00"])
    }

    @Test("a sleeper on the manual clock wakes when the clock reaches its deadline, not before")
    func manualClockSleep() async throws {
        let clock = ManualClock(Support.utc("2026-06-10T08:00:00Z"))
        let sleeper = Task { try await clock.sleep(until: Support.utc("2026-06-10T08:01:00Z")) }
        try await Self.until { clock.sleepers == 1 }
        clock.advance(by: 59)
        #expect(clock.sleepers == 1)
        clock.advance(by: 1)
        try await sleeper.value
        #expect(clock.sleepers == 0)
    }

    @Test("cancelling a sleeper on the manual clock throws CancellationError")
    func manualClockCancel() async throws {
        let clock = ManualClock(Support.utc("2026-06-10T08:00:00Z"))
        let sleeper = Task { try await clock.sleep(until: Support.utc("2026-06-11T08:00:00Z")) }
        try await Self.until { clock.sleepers == 1 }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleepers == 0)
    }
}

@Suite("the publisher as a service")
struct PublishServiceTests {
    typealias Support = ScheduleTestSupport

    /// A publisher writing into a fresh folder for an installation on an in-memory outbox.
    static func publisher() throws -> (PublishService, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crier-publish-\(UUID().uuidString)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("crier-publish-tests.yml")
        let configuration = try ConfigurationLoader.parse(
            """
            timezone: Europe/London
            templates: \(Support.root.appendingPathComponent("templates").path)
            schedules: \(Support.root.appendingPathComponent("schedules").path)
            publish: { dir: \(folder.path) }
            """, file: file)
        let system = CrierSystem(
            configuration: configuration, outbox: try SQLiteOutbox.inMemory(),
            clock: ManualClock(Support.utc("2026-06-10T08:00:00Z")))
        let service = PublishService(
            system: system, library: try Support.library(), folder: folder, logger: Logger(label: "test"))
        return (service, folder)
    }

    static func files(in folder: URL) -> [String] {
        (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
    }

    @Test("deliveries noted before shutdown are published by the time the service returns")
    func publishesWhatWasNoted() async throws {
        let (service, folder) = try Self.publisher()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                service.noteRecorded(1)
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(!Self.files(in: folder).isEmpty)
    }

    @Test("with nothing delivered the publisher writes nothing, and returns on shutdown")
    func nothingNoted() async throws {
        let (service, folder) = try Self.publisher()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                service.noteRecorded(0)
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(Self.files(in: folder).isEmpty)
    }
}
