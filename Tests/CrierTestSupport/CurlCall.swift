public import Foundation

/// One HTTP exchange made with the `curl` command, as an outside client (a mail provider, a
/// browser, a script) would make it: what the tests of the HTTP service send to the running binary.
public struct CurlCall: Sendable {
    /// The status code of the (last) response.
    public let status: Int
    /// Response header fields, names lowercased (the last value of a repeated name).
    public let headers: [String: String]
    /// The response body as text.
    public let body: String

    /// Runs `curl -s -i arguments... url` (never following redirects) and parses what it printed.
    public static func run(_ url: URL, _ arguments: [String] = [], timeout: Double = 30) async throws -> CurlCall {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "-i", "--max-time", String(Int(timeout))] + arguments + [url.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let exit = ExitSignal()
        process.terminationHandler = { _ in exit.fire() }
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            exit.whenFired { continuation.resume() }
        }
        guard process.terminationStatus == 0 else {
            throw CrierBinary.Failure("curl \(url) failed with status \(process.terminationStatus)")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else {
            throw CrierBinary.Failure("curl printed no headers: \(text)")
        }
        let head = text[..<split.lowerBound].split(separator: "\r\n")
        guard let statusLine = head.first, let code = Int(statusLine.split(separator: " ").dropFirst().first ?? "")
        else { throw CrierBinary.Failure("no status line: \(text)") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return CurlCall(status: code, headers: headers, body: String(text[split.upperBound...]))
    }
}
