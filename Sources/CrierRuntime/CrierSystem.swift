public import CrierCore
import CrierDelivery
import CrierStore
public import Foundation
public import Logging
import Synchronization

/// The composition root: one installation's configuration, outbox, templates and schedules, wired
/// together, handing each desk and service what it needs.
///
/// Every command opens one of these; nothing else constructs stores or transports. The template
/// library and the schedule catalog are loaded when first asked for, at most once per system.
public final class CrierSystem: Sendable {
    public let configuration: CrierConfiguration
    /// The SQLite outbox; Runtime's own, reached by commands only through desks.
    let outbox: SQLiteOutbox
    public let clock: any Clock
    /// What has been loaded from the configured folders so far, failures included.
    let loaded = Mutex(LoadedInputs())
    /// When this system was opened: since when its inputs are active, until a reload.
    let startedAt: Date

    init(configuration: CrierConfiguration, outbox: SQLiteOutbox, clock: any Clock) {
        self.configuration = configuration
        self.outbox = outbox
        self.clock = clock
        self.startedAt = clock.now()
    }

    /// Loads the configuration at `url` and opens its outbox; fails on any configuration problem.
    public static func open(configuration url: URL, clock: any Clock = SystemClock()) throws -> CrierSystem {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SystemSetupError.noConfiguration(path: url.path)
        }
        let configuration = try ConfigurationLoader.load(from: url)
        let outbox = try SQLiteOutbox(path: configuration.database.path)
        return CrierSystem(configuration: configuration, outbox: outbox, clock: clock)
    }

    /// The dispatch limits crier.yml asks for: per endpoint, and for the email relay.
    public var dispatchSettings: DispatchSettings {
        var settings = DispatchSettings()
        settings.maxInFlight = configuration.dispatch.maxInFlight
        settings.lease = configuration.dispatch.lease
        settings.retry = configuration.retry
        settings.defaultRoute = .init(concurrency: configuration.dispatch.webhookConcurrency)
        for endpoint in configuration.endpoints where endpoint.kind == .webhook {
            settings.routes[endpoint.id] = .init(concurrency: endpoint.maxConcurrency)
        }
        if let email = configuration.email {
            settings.routes[DeliveryRoute.email] = .init(
                concurrency: email.maxConnections, ratePerSecond: email.ratePerSecond)
            settings.unsubscribeURLPattern = email.unsubscribeURLPattern
        }
        return settings
    }

    /// A dispatcher over this installation's outbox and transports; with `publisher`, it tells the
    /// publisher of every batch of recorded outcomes, so feeds and pages follow deliveries.
    public func makeDispatcher(logger: Logger, publisher: PublishService? = nil) throws -> Dispatcher {
        Dispatcher(
            store: outbox, transports: try makeTransports(logger: logger), settings: dispatchSettings, clock: clock,
            logger: logger,
            afterRecording: publisher.map { publisher in { @Sendable delivered in publisher.noteRecorded(delivered) } },
            timings: DeliveryTimings(store: outbox))
    }

    /// Where composed messages are written, for a tool that composes its own (the benchmark).
    public var compositionStore: any CompositionStore { outbox }

    /// A composer over this installation's outbox and its template library.
    public func makeComposer() throws -> Composer {
        Composer(system: self, library: try templates())
    }
}

/// Route names the composer and dispatcher agree on.
public enum DeliveryRoute {
    /// Every email to residents and mailboxes goes through the one relay.
    public static let email = "email"
}
