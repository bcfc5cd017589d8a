public import Foundation

/// Runs the built `crier` command as a child process, the way an operator or systemd would.
public enum CrierBinary {
    /// The debug build's `crier` (built by `swift build --build-tests`).
    public static var url: URL {
        let debug = TestPaths.repositoryRoot.appendingPathComponent(".build/debug/crier")
        return debug
    }

    /// What one run printed and how it ended.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Starts `crier arguments...` without waiting; output goes to files in `directory`.
    public static func start(
        _ arguments: [String], environment: [String: String] = [:], directory: URL
    ) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let stamp = UUID().uuidString.prefix(8)
        let out = directory.appendingPathComponent("crier-\(stamp).out")
        let err = directory.appendingPathComponent("crier-\(stamp).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `crier arguments...` to completion (killing it after `timeout` seconds).
    ///
    /// `launcher` (a command and its arguments, e.g. `NetworkNamespaces.exec(in:hosts:)`) runs crier through it.
    /// Output goes to files, read once the child has ended: blocking pipe reads would hold the
    /// cooperative pool's threads, and the timeout could then never fire.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: URL, timeout: Double = 120,
        launcher: [String] = []
    ) async throws -> Result {
        let stamp = UUID().uuidString.prefix(8)
        let out = directory.appendingPathComponent("crier-run-\(stamp).out")
        let err = directory.appendingPathComponent("crier-run-\(stamp).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
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
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return Result(
            status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// Waits, without blocking a thread, until `process` exits or `timeout` passes.
    public static func waitForExit(_ process: Process, timeout: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        return true
    }
}
