public import Foundation

/// One HTTP exchange made with the `curl` command against a running `crier` on loopback: what a
/// monitoring probe, a reverse proxy or a resident's client sends, nothing simulated in-process.
public struct CurlResponse: Sendable {
    /// The status code (0 when curl could not connect or the connection was cut).
    public let status: Int
    /// Response header fields, names lowercased (the last value of each name).
    public let headers: [String: String]
    /// The body as received.
    public let body: String

    /// Runs `curl` on `url` with `arguments` (e.g. `-X`, `POST`, `-H`, `If-None-Match: ...`).
    public static func fetch(_ url: String, _ arguments: [String] = [], timeout: Double = 30) async throws
        -> CurlResponse
    {
        let directory = try TestPaths.makeTemporaryDirectory(prefix: "crier-curl")
        defer { try? FileManager.default.removeItem(at: directory) }
        let headerFile = directory.appendingPathComponent("headers")
        let bodyFile = directory.appendingPathComponent("body")
        let statusFile = directory.appendingPathComponent("status")
        _ = FileManager.default.createFile(atPath: statusFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "curl", "-s", "--path-as-is", "--max-time", String(Int(timeout)), "-D", headerFile.path, "-o",
                bodyFile.path, "-w", "%{http_code}",
            ] + arguments + [url]
        process.standardOutput = try FileHandle(forWritingTo: statusFile)
        let exit = ExitSignal()
        process.terminationHandler = { _ in exit.fire() }
        try process.run()
        await withCheckedContinuation { continuation in exit.whenFired { continuation.resume() } }
        let status = Int((try? String(contentsOf: statusFile, encoding: .utf8)) ?? "") ?? 0
        var headers: [String: String] = [:]
        let rawHeaders = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        for line in rawHeaders.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let body = (try? String(contentsOf: bodyFile, encoding: .utf8)) ?? ""
        return CurlResponse(status: status, headers: headers, body: body)
    }

    /// Runs `curl` on `url` with `arguments`, as `fetch` does.
    public static func run(_ url: URL, _ arguments: [String] = [], timeout: Double = 30) async throws -> CurlResponse {
        try await fetch(url.absoluteString, arguments, timeout: timeout)
    }

    /// Sends `method url` with `headers` and `body` (sent as given, with `--data-binary`).
    public static func send(
        _ method: String = "GET", _ url: URL, headers: [String: String] = [:], body: String? = nil,
        timeout: Double = 30
    ) async throws -> CurlResponse {
        var arguments = method == "HEAD" ? ["-I"] : ["-X", method]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(name): \(value)"] }
        if let body { arguments += ["--data-binary", body] }
        return try await run(url, arguments, timeout: timeout)
    }

    /// The body parsed as a JSON object or array.
    public func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(body.utf8))
    }
}
