import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle

/// Crier's HTTP service as one `Service` of the process's service group: `crier serve` runs it
/// alone, `crier run` beside the scheduler and the dispatcher. It stops accepting and finishes the
/// requests in progress when the group shuts down.
public struct CrierHTTPService: Service {
    private let settings: HTTPServiceSettings
    private let dependencies: HTTPDependencies
    private let logger: Logger
    private let onListening: @Sendable (String) -> Void

    /// A service listening as `settings` say, answering from `dependencies`; `onListening` receives
    /// `http://HOST:PORT` (the port the kernel chose when asked for 0) once the socket is bound.
    public init(
        settings: HTTPServiceSettings, dependencies: HTTPDependencies, logger: Logger,
        onListening: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.settings = settings
        self.dependencies = dependencies
        self.logger = logger
        self.onListening = onListening
    }

    /// Serves until the service group shuts down gracefully (or the task is cancelled).
    public func run() async throws {
        let application = Application(
            router: CrierRouter.make(dependencies: dependencies, limits: settings.limits),
            server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(settings.idleTimeout * 1000)))),
            configuration: .init(address: .hostname(settings.listen.host, port: settings.listen.port), serverName: nil),
            onServerRunning: { [settings, onListening] channel in
                let port = channel.localAddress?.port ?? settings.listen.port
                let bound = ListenAddress(host: settings.listen.host, port: port)
                onListening("http://\(bound)")
            },
            logger: logger)
        try await application.run()
    }
}
