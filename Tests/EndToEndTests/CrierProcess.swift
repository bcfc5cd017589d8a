import CrierTestSupport
import Foundation

/// Runs the built `crier` binary against one installation, as an operator would.
struct CrierProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        /// Standard output parsed as a JSON object.
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
                throw CrierProcessError(message: "not a JSON object: \(stdout)")
            }
            return object
        }
    }

    struct CrierProcessError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    static var binary: URL { TestPaths.repositoryRoot.appendingPathComponent(".build/debug/crier") }

    let config: URL
    /// Variables added to this process's environment for every run.
    var environment: [String: String] = [:]

    /// Starts `crier arguments...` as `operatorName`, with standard input not a terminal.
    func start(_ arguments: [String], operatorName: String = "alice") throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.merging(self.environment) { _, new in new }
        environment["CRIER_CONFIG"] = config.path
        environment["CRIER_OPERATOR"] = operatorName
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    /// Waits for a started process and collects its output.
    static func finish(_ started: (Process, Pipe, Pipe)) -> Result {
        let (process, out, err) = started
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `crier arguments...` to completion.
    func run(_ arguments: [String], operatorName: String = "alice") throws -> Result {
        Self.finish(try start(arguments, operatorName: operatorName))
    }
}

/// Polls `condition` every 50 ms for up to `seconds`, sleeping without holding a thread; true once it holds.
func eventually(within seconds: Double, _ condition: () throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try condition()
}
