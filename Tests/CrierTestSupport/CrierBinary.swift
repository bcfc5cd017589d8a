public import Foundation

/// Runs the built `crier` command as a child process, the way an operator or systemd would: the one
/// launcher of the binary that every test uses.
///
/// Output goes to files, read once the child has ended, and waiting for the child never blocks a
/// thread: the process's termination handler resumes the waiter, so the cooperative pool stays free
/// and a timeout can always fire.
///
/// An instance is bound to one installation: every run gets `CRIER_CONFIG` and an operator name.
public struct CrierBinary: Sendable {
    /// The debug build's `crier` (built by `swift build --build-tests`).
    public static var url: URL { TestPaths.repositoryRoot.appendingPathComponent(".build/debug/crier") }

    /// Whether the binary has been built (suites that need it are enabled only then).
    public static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: url.path) }

    /// What one run printed and how it ended.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String

        /// Standard output parsed as a JSON object.
        public func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
                throw Failure("not a JSON object: \(stdout)")
            }
            return object
        }
    }

    /// A test step around the binary that did not go as expected, saying what.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(_ description: String) { self.description = description }
    }

    /// The installation's crier.yml.
    public let config: URL
    /// Variables added to this process's environment for every run.
    public var environment: [String: String]

    /// A launcher for the installation configured by `config`; runs start in its folder.
    public init(config: URL, environment: [String: String] = [:]) {
        self.config = config
        self.environment = environment
    }

    /// Starts `crier arguments...` as `operatorName`, with standard input not a terminal.
    public func start(_ arguments: [String], operatorName: String = "alice") throws -> RunningCrier {
        try Self.start(arguments, environment: environment(operatorName), directory: config.deletingLastPathComponent())
    }

    /// Runs `crier arguments...` as `operatorName` to completion (killing it after `timeout` seconds).
    public func run(_ arguments: [String], operatorName: String = "alice", timeout: Double = 120) async throws
        -> Result
    {
        try await start(arguments, operatorName: operatorName).result(timeout: timeout)
    }

    private func environment(_ operatorName: String) -> [String: String] {
        environment.merging(["CRIER_CONFIG": config.path, "CRIER_OPERATOR": operatorName]) { _, new in new }
    }

    /// Starts `crier arguments...` in `directory` without waiting; output goes to files there.
    ///
    /// `launcher` (a command and its arguments, e.g. `NetworkNamespaces.exec(in:hosts:)`) runs crier
    /// through it: `/usr/bin/env launcher... crier arguments...`.
    public static func start(
        _ arguments: [String], environment: [String: String] = [:], directory: URL, launcher: [String] = []
    ) throws -> RunningCrier {
        let process = Process()
        if launcher.isEmpty {
            process.executableURL = url
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = launcher + [url.path] + arguments
        }
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        return try RunningCrier(process, outputIn: directory)
    }

    /// Runs `crier arguments...` in `directory` to completion (killing it after `timeout` seconds).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: URL, timeout: Double = 120,
        launcher: [String] = []
    ) async throws -> Result {
        try await start(arguments, environment: environment, directory: directory, launcher: launcher)
            .result(timeout: timeout)
    }

    /// Waits, without blocking a thread, until `running` exits or `timeout` passes; true if it exited.
    public static func waitForExit(_ running: RunningCrier, timeout: Double) async throws -> Bool {
        await running.exited(within: timeout)
    }
}

/// One started `crier` process: its output files and a way to wait for it without holding a thread.
public final class RunningCrier: Sendable {
    private let box: ProcessBox
    private let exit = ExitSignal()
    let stdoutFile: URL
    private let stderrFile: URL

    init(_ process: Process, outputIn directory: URL) throws {
        let stamp = UUID().uuidString.prefix(8)
        stdoutFile = directory.appendingPathComponent("crier-\(stamp).out")
        stderrFile = directory.appendingPathComponent("crier-\(stamp).err")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        let exit = exit
        process.terminationHandler = { _ in exit.fire() }
        box = ProcessBox(process: process)
        try process.run()
    }

    /// The child's process id (for signals).
    public var processIdentifier: Int32 { box.process.processIdentifier }

    /// The exit status; only meaningful once it has exited.
    public var terminationStatus: Int32 { box.process.terminationStatus }

    /// Whether the child is still running.
    public var isRunning: Bool { box.process.isRunning }

    /// Waits until the child exits or `timeout` seconds pass; true if it exited.
    public func exited(within timeout: Double) async -> Bool {
        await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            exit.whenFired { once.resume(true) }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { once.resume(false) }
        }
    }

    /// What the child has written to standard output so far.
    public func standardOutputSoFar() -> String {
        (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
    }

    /// What the child has written to standard error so far.
    public func standardErrorSoFar() -> String {
        (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
    }

    /// Waits for the child (killing it after `timeout` seconds) and returns what it printed.
    public func result(timeout: Double = 120) async throws -> CrierBinary.Result {
        if await !exited(within: timeout) {
            kill(processIdentifier, SIGKILL)
            _ = await exited(within: 30)
        }
        defer {
            try? FileManager.default.removeItem(at: stdoutFile)
            try? FileManager.default.removeItem(at: stderrFile)
        }
        return CrierBinary.Result(
            status: terminationStatus, stdout: try String(contentsOf: stdoutFile, encoding: .utf8),
            stderr: try String(contentsOf: stderrFile, encoding: .utf8))
    }
}

/// A `Process` handed between threads: it is only read after `run()`, and Foundation locks its state.
private struct ProcessBox: @unchecked Sendable {
    let process: Process
}
