public import Foundation

/// A `crier serve` or `crier run --listen` process on a loopback port the kernel chose, and its
/// base URL, read from the `listening on http://HOST:PORT` line it prints first.
public struct ServingCrier: Sendable {
    /// The process.
    public let process: RunningCrier
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public let baseURL: URL

    /// Starts `crier arguments...` (which must include `--listen 127.0.0.1:0` or a configured
    /// `http.listen`) and waits up to `timeout` seconds for its first line.
    public init(_ crier: CrierBinary, _ arguments: [String], timeout: Double = 60) async throws {
        process = try crier.start(arguments)
        baseURL = try await process.listeningURL(timeout: timeout)
    }

    /// The URL of `path` (which starts with `/`) on this server.
    public func url(_ path: String) -> URL {
        URL(string: baseURL.absoluteString + path)!
    }

    /// Sends SIGTERM and waits for the process to exit; returns what it printed.
    public func stop(timeout: Double = 30) async throws -> CrierBinary.Result {
        try await process.stop(timeout: timeout)
    }
}
