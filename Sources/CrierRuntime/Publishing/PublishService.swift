import CrierCore
import CrierTemplates
import Foundation
import Logging
public import ServiceLifecycle
import Synchronization

/// Republishes `publish.dir` (CAP files, feeds, area pages) while `crier run` delivers: at most
/// every `CrierSystem.republishInterval` seconds while deliveries keep arriving, and once more when
/// the group shuts down, so the last outcomes are published too. A failure to publish is logged;
/// it never stops delivery.
public final class PublishService: Service, Sendable {
    private let system: CrierSystem
    private let library: TemplateLibrary
    private let folder: URL
    private let logger: Logger
    /// Whether deliveries were recorded since the last publishing run.
    private let dirty = Mutex(false)
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>

    init(system: CrierSystem, library: TemplateLibrary, folder: URL, logger: Logger) {
        self.system = system
        self.library = library
        self.folder = folder
        self.logger = logger
        (wakes, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Tells the publisher the dispatcher recorded outcomes, `delivered` of them deliveries (the
    /// dispatcher's `afterRecording`); returns at once.
    func noteRecorded(_ delivered: Int) {
        guard delivered > 0 else { return }
        dirty.withLock { $0 = true }
        wake.yield()
    }

    public func run() async throws {
        for await _ in wakes.cancelOnGracefulShutdown() {
            publishIfDirty()
            let pause = system.clock.now().addingTimeInterval(CrierSystem.republishInterval)
            let clock = system.clock
            try? await cancelWhenGracefulShutdown { try await clock.sleep(until: pause) }
        }
        publishIfDirty()
    }

    private func publishIfDirty() {
        let due = dirty.withLock { waiting in
            defer { waiting = false }
            return waiting
        }
        guard due else { return }
        do {
            let report = try system.publish(to: folder, library: library)
            if !report.written.isEmpty {
                logger.info("republished", metadata: ["folder": "\(folder.path)", "files": "\(report.written.count)"])
            }
        } catch {
            logger.error("publishing failed", metadata: ["folder": "\(folder.path)", "error": "\(error)"])
        }
    }
}
