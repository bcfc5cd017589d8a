public import CrierCore
import CrierDelivery
public import CrierStore
public import Foundation
public import Logging

/// The composition root: one installation's configuration, outbox and transports, wired together.
///
/// Every command opens one of these; nothing else constructs stores or transports.
public final class CrierSystem: Sendable {
    public let configuration: CrierConfiguration
    public let outbox: SQLiteOutbox
    public let clock: any Clock

    init(configuration: CrierConfiguration, outbox: SQLiteOutbox, clock: any Clock) {
        self.configuration = configuration
        self.outbox = outbox
        self.clock = clock
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

    /// A dispatcher over this installation's outbox and transports.
    ///
    /// When crier.yml sets `publish.dir`, the feeds and pages are republished after deliveries,
    /// at most every few seconds.
    public func makeDispatcher(logger: Logger) throws -> Dispatcher {
        Dispatcher(
            store: outbox, transports: try makeTransports(logger: logger), settings: dispatchSettings, clock: clock,
            logger: logger, afterRecording: try makeRepublisher(logger: logger))
    }

    /// What `crier status` shows.
    public func status() throws -> SystemStatus {
        let now = clock.now()
        let summary = try outbox.summary(now: now)
        let endpoints = configuration.endpoints.map { endpoint in
            SystemStatus.EndpointStatus(
                id: endpoint.id, kind: endpoint.kind.rawValue,
                destination: endpoint.kind == .webhook ? Redaction.url(endpoint.destination) : endpoint.destination,
                disabled: summary.disabledEndpoints[endpoint.id])
        }
        var status = SystemStatus(
            generatedAt: now, database: configuration.database.path, deliveries: summary.byState,
            oldestPendingSeconds: summary.oldestPendingAge,
            deadLetters: summary.byState[DeliveryState.dead.rawValue] ?? 0,
            endpoints: endpoints, emailRelay: configuration.email.map { Redaction.url($0.relay.absoluteString) })
        try addScheduleStatus(to: &status, now: now)
        return status
    }
}

/// Route names the composer and dispatcher agree on.
public enum DeliveryRoute {
    /// Every email to residents and mailboxes goes through the one relay.
    public static let email = "email"
}
