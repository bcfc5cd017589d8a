import Foundation

extension RunningCrier {
    /// What the child has written to standard output so far.
    public func outputSoFar() -> String {
        (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
    }

    /// What the child has written to standard error (its log) so far.
    public func logSoFar() -> String {
        (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
    }

    /// The `http://HOST:PORT` that `crier serve` or `crier run --listen` announced on its first
    /// line, waiting up to `seconds` for it.
    public func listeningURL(within seconds: Double = 60) async throws -> String {
        let prefix = "listening on "
        let found = try await eventually(within: seconds) {
            outputSoFar().split(separator: "\n").first?.hasPrefix(prefix) == true || !isRunning
        }
        guard found, let line = outputSoFar().split(separator: "\n").first, line.hasPrefix(prefix) else {
            throw CrierBinary.Failure("crier announced no address; stdout: \(outputSoFar()) stderr: \(logSoFar())")
        }
        return String(line.dropFirst(prefix.count))
    }
}
