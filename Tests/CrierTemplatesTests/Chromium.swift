import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs Debian's headless `chromium` for the page tests: screenshots and the DOM after parsing.
///
/// Every run has its own profile folder and a time limit; a run that overstays is killed (its whole
/// process group when it leads one), so a hung browser cannot stall the suite.
enum Chromium {
    /// What one run printed and how it ended.
    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Why chromium could not be used.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The longest one run may take.
    static let timeout: Duration = .seconds(60)

    /// The `chromium` on `PATH` (or `/usr/bin/chromium`); throws, saying how to install it, when there is none.
    static func executable() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let candidates = path.split(separator: ":").map { "\($0)/chromium" } + ["/usr/bin/chromium"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(
                description: "chromium is not installed: run scripts/setup.sh (it installs Debian's chromium package)")
        }
        return URL(fileURLWithPath: found)
    }

    /// Saves a PNG of `url` as a window of `width` × `height` CSS pixels.
    static func screenshot(_ url: URL, to file: URL, width: Int, height: Int) async throws {
        try? FileManager.default.removeItem(at: file)
        let output = try await run([
            "--screenshot=\(file.path)", "--window-size=\(width),\(height)", url.absoluteString,
        ])
        guard output.status == 0, FileManager.default.fileExists(atPath: file.path) else {
            throw Failure(description: "chromium made no screenshot (status \(output.status)): \(output.standardError)")
        }
    }

    /// The DOM of `url` after parsing (and after its scripts ran), serialised.
    static func dumpDOM(_ url: URL, width: Int = 1200, height: Int = 900) async throws -> String {
        let output = try await run(["--dump-dom", "--window-size=\(width),\(height)", url.absoluteString])
        guard output.status == 0, !output.standardOutput.isEmpty else {
            throw Failure(description: "chromium dumped no DOM (status \(output.status)): \(output.standardError)")
        }
        return output.standardOutput
    }

    /// Runs headless chromium with `arguments`, output collected in files (a pipe could fill and block it).
    static func run(_ arguments: [String]) async throws -> Output {
        let executable = try executable()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crier-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outFile = scratch.appendingPathComponent("stdout")
        let errFile = scratch.appendingPathComponent("stderr")
        try Data().write(to: outFile)
        try Data().write(to: errFile)
        let out = try FileHandle(forWritingTo: outFile)
        let err = try FileHandle(forWritingTo: errFile)
        defer {
            try? out.close()
            try? err.close()
        }

        var flags = [
            "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
            "--disable-dev-shm-usage", "--disable-extensions", "--allow-file-access-from-files",
            "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
        ]
        if geteuid() == 0 { flags.append("--no-sandbox") }  // Chromium refuses to start its sandbox as root.

        let process = Process()
        process.executableURL = executable
        process.arguments = flags + arguments
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
        let standardOutput = String(decoding: try Data(contentsOf: outFile), as: UTF8.self)
        let standardError = String(decoding: try Data(contentsOf: errFile), as: UTF8.self)
        if timedOut.isSet {
            throw Failure(description: "chromium did not finish within \(timeout) and was killed: \(arguments)")
        }
        return Output(status: status, standardOutput: standardOutput, standardError: standardError)
    }

    /// A flag the watchdog sets and the runner reads.
    private final class Flag: Sendable {
        private let value = Mutex(false)

        func set() { value.withLock { $0 = true } }

        var isSet: Bool { value.withLock { $0 } }
    }
}
