public import Foundation

extension RunningCrier {
    /// Waits until `crier serve` (or `crier run` with a listener) prints its first line,
    /// `listening on http://HOST:PORT`, and returns the base URL; fails if it exits or stays silent
    /// for `timeout` seconds.
    public func listeningURL(timeout: Double = 60) async throws -> URL {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n", omittingEmptySubsequences: false).first, text.contains("\n") {
                guard line.hasPrefix("listening on "), let url = URL(string: String(line.dropFirst(13))) else {
                    throw CrierBinary.Failure("the first line of output is not `listening on URL`: \(line)")
                }
                return url
            }
            guard isRunning else {
                let ended = try await result(timeout: 5)
                throw CrierBinary.Failure("crier exited (\(ended.status)) before listening: \(ended.stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CrierBinary.Failure("crier printed no `listening on` line within \(timeout) s")
    }

    /// Asks the process to stop (SIGTERM) and returns what it printed once it has ended.
    public func stop(timeout: Double = 30) async throws -> CrierBinary.Result {
        kill(processIdentifier, SIGTERM)
        return try await result(timeout: timeout)
    }
}
