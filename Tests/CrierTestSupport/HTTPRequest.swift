public import Foundation

/// One HTTP exchange made by the real `curl` program against a loopback server, so tests speak
/// HTTP exactly as an outside client (a mail provider, a browser, a partner's script) would.
public struct HTTPReply: Sendable {
    /// The status code.
    public let status: Int
    /// Response headers, names lowercased (the last value when repeated).
    public let headers: [String: String]
    /// The body as text.
    public let body: String

    /// The body parsed as a JSON object or array.
    public func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(body.utf8))
    }
}

/// Runs `curl` for one request and returns the reply.
public enum HTTPRequest {
    /// Sends `method url` with `headers` and `body` (sent as given with `--data-binary`); never
    /// follows redirects and never uses a proxy.
    public static func send(
        _ method: String = "GET", _ url: URL, headers: [String: String] = [:], body: String? = nil,
        timeout: Double = 30
    ) async throws -> HTTPReply {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crier-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let headerFile = folder.appendingPathComponent("headers")
        let bodyFile = folder.appendingPathComponent("body")
        var arguments = [
            "-s", "--noproxy", "*", "--max-time", String(Int(timeout)), "-D", headerFile.path, "-o", bodyFile.path,
            "-w", "%{http_code}",
        ]
        arguments += method == "HEAD" ? ["-I"] : ["-X", method]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(name): \(value)"] }
        if let body {
            let input = folder.appendingPathComponent("request")
            try body.write(to: input, atomically: true, encoding: .utf8)
            arguments += ["--data-binary", "@\(input.path)"]
        }
        arguments.append(url.absoluteString)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let exit = ExitSignal()
        process.terminationHandler = { _ in exit.fire() }
        try process.run()
        await withCheckedContinuation { continuation in exit.whenFired { continuation.resume() } }
        let code = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0, let status = Int(code) else {
            throw CrierBinary.Failure("curl \(method) \(url) failed (exit \(process.terminationStatus))")
        }
        var parsed: [String: String] = [:]
        let rawHeaders = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        for line in rawHeaders.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            parsed[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let text = (try? String(contentsOf: bodyFile, encoding: .utf8)) ?? ""
        return HTTPReply(status: status, headers: parsed, body: text)
    }
}
