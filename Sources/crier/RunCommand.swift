import ArgumentParser
import CrierRuntime
import Dispatch
import Foundation
import Logging

/// `crier run`: the daemon that delivers the outbox (and, with schedules, fires them).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Deliver everything due, and keep delivering until stopped (SIGTERM or SIGINT).",
        discussion: """
            On SIGTERM or SIGINT Crier stops claiming work, lets in-flight deliveries finish \
            (each has a timeout), gives back anything unfinished, and exits 0.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Deliver everything due now, then exit.")
    var untilIdle = false

    @Option(name: .long, help: "With --until-idle: also wait for retries due within this many seconds.")
    var idleGrace: Double = 0

    func run() async throws {
        global.bootstrapLogging()
        let logger = Logger(label: "crier.run")
        let system = try global.open()
        let dispatcher = try system.makeDispatcher(logger: Logger(label: "crier.dispatch"))
        let signals = SignalWatcher(signals: [SIGTERM, SIGINT]) { signal in
            logger.notice("stopping: finishing deliveries in flight", metadata: ["signal": "\(signal)"])
            dispatcher.requestStop()
        }
        logger.info("crier running", metadata: ["database": "\(system.configuration.database.path)"])
        let report = try await dispatcher.run(untilIdle: untilIdle, idleGrace: idleGrace)
        signals.cancel()
        logger.info(
            "crier stopped",
            metadata: [
                "attempts": "\(report.attempts)", "delivered": "\(report.delivered)",
                "retried": "\(report.retried)", "dead": "\(report.dead)",
            ])
    }
}

/// Turns POSIX signals into a callback on a dispatch queue instead of killing the process.
final class SignalWatcher {
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    func cancel() { sources.forEach { $0.cancel() } }
}
