import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs Debian's headless `chromium` for the page tests: screenshots and the DOM after parsing.
///
/// Every run has its own profile folder and a time limit (`TimedProcess` kills a run that overstays),
/// so a hung browser cannot stall the suite.
enum Chromium {
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

    /// Runs headless chromium with `arguments`, its own profile folder and the time limit.
    static func run(_ arguments: [String]) async throws -> TimedProcess.Output {
        let executable = try executable()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crier-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var flags = [
            "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
            "--disable-dev-shm-usage", "--disable-extensions", "--allow-file-access-from-files",
            "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
        ]
        if geteuid() == 0 { flags.append("--no-sandbox") }  // Chromium will not start its sandbox as root.
        return try await TimedProcess.run(executable, flags + arguments, in: scratch, timeout: timeout)
    }
}
