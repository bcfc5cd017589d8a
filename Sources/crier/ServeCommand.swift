import ArgumentParser
import CrierRuntime
import Foundation
import Logging

/// `crier serve`: the HTTP service alone (health, metrics, residents' links, partners' API).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve Crier's HTTP service (health, metrics, unsubscribe and partner routes) until stopped.",
        discussion: """
            Listens on --listen, else crier.yml's `http.listen`. Port 0 picks a free port. The first \
            line of output is `listening on http://HOST:PORT`. Meant to sit behind a TLS reverse \
            proxy; `http.public_url` is the base of the links it writes. `crier run` serves the same \
            routes beside the scheduler and dispatcher when `http.listen` is set (or --listen given). \
            SIGTERM or SIGINT stops accepting connections and lets requests in progress finish. \
            SIGHUP re-reads crier.yml, templates and schedules; an invalid set is refused and logged, \
            and the running one stays.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Address to listen on, HOST:PORT (port 0: any free port).")
    var listen: String?

    func run() async throws {
        global.bootstrapLogging()
        CrierSystem.bootstrapMetrics()
        let system = try global.open()
        let logger = Logger(label: "crier.http")
        guard
            let service = try system.makeHTTPService(
                listen: listen, logger: logger, onListening: ListenOption.announce)
        else {
            throw UsageError("no address to listen on: set `http.listen` in crier.yml or pass --listen HOST:PORT")
        }
        try await service.runAlone(system: system, logger: logger)
    }
}

/// The line that announces the bound address, shared by `serve` and `run`.
enum ListenOption {
    /// Prints `listening on URL` on standard output at once (the first line a supervisor or test reads).
    @Sendable static func announce(_ url: String) {
        FileHandle.standardOutput.write(Data("listening on \(url)\n".utf8))
    }
}
