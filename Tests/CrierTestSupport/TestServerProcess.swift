public import Foundation

/// Why a test server could not be started or read.
public struct TestServerError: Error, CustomStringConvertible {
    private enum Reason {
        case launchFailed(script: String, underlying: String)
        case noPort(script: String, seconds: Double, stderr: String)
        case badRecord(file: String, line: Int, text: String)
    }

    private let reason: Reason

    static func launchFailed(script: String, underlying: String) -> Self {
        Self(reason: .launchFailed(script: script, underlying: underlying))
    }
    static func noPort(script: String, seconds: Double, stderr: String) -> Self {
        Self(reason: .noPort(script: script, seconds: seconds, stderr: stderr))
    }
    static func badRecord(file: String, line: Int, text: String) -> Self {
        Self(reason: .badRecord(file: file, line: line, text: text))
    }

    public var description: String {
        switch reason {
        case .launchFailed(let script, let underlying):
            "could not start python3 \(script): \(underlying)"
        case .noPort(let script, let seconds, let stderr):
            "\(script) wrote no port file within \(seconds) s; its stderr: \(stderr)"
        case .badRecord(let file, let line, let text):
            "\(file):\(line): unreadable record: \(text)"
        }
    }
}

/// The repository's folders, found from this source file so tests work from any working directory.
public enum TestPaths {
    /// The repository root (the folder holding `Package.swift`).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// `Tests/servers`, where the Python test servers live.
    public static var serversDirectory: URL {
        repositoryRoot.appendingPathComponent("Tests/servers")
    }

    /// The Python that has the test servers' packages: `$CRIER_PYTHON` (set by scripts/setup.sh), else `python3`.
    public static var python: String {
        ProcessInfo.processInfo.environment["CRIER_PYTHON"] ?? "python3"
    }

    /// A fresh, empty temporary directory, unique to this call.
    public static func makeTemporaryDirectory(prefix: String = "crier-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A Python test server running as a child process, stopped by PID when done.
final class TestServerProcess: @unchecked Sendable {
    let process: Process
    let port: Int
    let directory: URL
    let recordFile: URL
    private let lock = NSLock()
    private var stopped = false

    private init(process: Process, port: Int, directory: URL, recordFile: URL) {
        self.process = process
        self.port = port
        self.directory = directory
        self.recordFile = recordFile
    }

    /// Starts `script` and waits, without holding a thread, for it to write the port it listens on.
    /// Only a few start at once (`LaunchGate`); the timeout counts from this one's turn.
    /// `namespace` runs it inside that network namespace (`ip netns exec`), for tests that need other addresses.
    static func start(script: String, arguments: [String], namespace: String? = nil, timeout: Double = 30) async throws
        -> TestServerProcess
    {
        await LaunchGate.shared.enter()
        do {
            let server = try await launch(script: script, arguments: arguments, namespace: namespace, timeout: timeout)
            await LaunchGate.shared.leave()
            return server
        } catch {
            await LaunchGate.shared.leave()
            throw error
        }
    }

    private static func launch(script: String, arguments: [String], namespace: String?, timeout: Double) async throws
        -> TestServerProcess
    {
        let directory = try TestPaths.makeTemporaryDirectory(prefix: "crier-server")
        let portFile = directory.appendingPathComponent("port")
        let recordFile = directory.appendingPathComponent("records.jsonl")
        let stderrFile = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            (namespace.map { NetworkNamespaces.exec(in: $0) } ?? [])
            + [
                TestPaths.python, TestPaths.serversDirectory.appendingPathComponent(script).path,
                "--port-file", portFile.path, "--record", recordFile.path,
            ] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        do {
            try process.run()
        } catch {
            throw TestServerError.launchFailed(script: script, underlying: "\(error)")
        }
        // Other tests may keep the shared threads busy for a while, so this task can wake long after
        // it asked to: the port file is read once more after the deadline before giving up.
        func writtenPort() -> Int? {
            guard let text = try? String(contentsOf: portFile, encoding: .utf8) else { return nil }
            return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let deadline = Date().addingTimeInterval(timeout)
        var found = writtenPort()
        while found == nil && process.isRunning && Date() < deadline {
            do {
                try await Task.sleep(for: .milliseconds(50))
            } catch {
                // Cancelled: no object owns the child yet, so stop it here.
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw error
            }
            found = writtenPort()
        }
        guard let found else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            let stderr = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            throw TestServerError.noPort(script: script, seconds: timeout, stderr: stderr)
        }
        return TestServerProcess(process: process, port: found, directory: directory, recordFile: recordFile)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Kills the server by its PID and waits for it to exit.
    func stop() {
        lock.lock()
        let already = stopped
        stopped = true
        lock.unlock()
        guard !already else { return }
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
    }

    /// Every JSON line recorded so far, decoded as `T`.
    func records<T: Decodable>(as type: T.Type) throws -> [T] {
        guard let data = try? Data(contentsOf: recordFile) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var result: [T] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            do {
                result.append(try decoder.decode(T.self, from: Data(line.utf8)))
            } catch {
                throw TestServerError.badRecord(file: recordFile.lastPathComponent, line: index + 1, text: "\(error)")
            }
        }
        return result
    }
}

/// Lets two test servers start at a time. Tests run in parallel, and dozens of Python
/// interpreters importing aiosmtpd together on two cores take longer than any sensible timeout;
/// waiting here suspends the test without holding one of the few threads async tests share.
actor LaunchGate {
    static let shared = LaunchGate(limit: 2)

    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        available = limit
    }

    func enter() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension TestPaths {
    /// A loopback port nothing listens on (bound to port 0, read back, closed).
    public static func unusedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return 9 }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { return 9 }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
