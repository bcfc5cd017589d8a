import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion within a time limit, for tests that drive outside tools (chromium).
///
/// Output goes to files rather than pipes, so a program that writes a lot cannot block on a full pipe.
/// A run that overstays is killed with SIGKILL (its whole process group when it leads one) and reported.
enum TimedProcess {
    /// What one run printed and how it ended.
    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Why a run failed to start or to finish.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `executable` with `arguments` in `directory` (a scratch folder the caller owns), waiting
    /// without holding a thread, and kills it after `timeout`.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, timeout: Duration) async throws
        -> Output
    {
        let outFile = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errFile = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        try Data().write(to: outFile)
        try Data().write(to: errFile)
        defer {
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
        }
        let out = try FileHandle(forWritingTo: outFile)
        let err = try FileHandle(forWritingTo: errFile)
        defer {
            try? out.close()
            try? err.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let timedOut = Flag()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            guard process.isRunning else { return }
            timedOut.set()
            let pid = process.processIdentifier
            kill(getpgid(pid) == pid ? -pid : pid, SIGKILL)
        }
        defer { watchdog.cancel() }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: Failure(description: "could not start \(executable.path): \(error)"))
            }
        }
        if timedOut.isSet {
            throw Failure(
                description: "\(executable.lastPathComponent) did not finish within \(timeout) and was killed")
        }
        return Output(
            status: status, standardOutput: String(decoding: try Data(contentsOf: outFile), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errFile), as: UTF8.self))
    }

    /// A flag the watchdog sets and the runner reads.
    private final class Flag: Sendable {
        private let value = Mutex(false)

        func set() { value.withLock { $0 = true } }

        var isSet: Bool { value.withLock { $0 } }
    }
}
