import CrierTestSupport
import Foundation

/// A loopback installation with `crier serve` on a port the kernel chose, and curl as the client:
/// what the sign-up and bounce suites share.
final class ResidentServer {
    static let publicURL = "https://alerts.example.org"
    /// A partner token with `bounces:write`, and one without it (its SHA-256 values are in crier.yml).
    static let bouncesToken = "test-bounces-token-0123456789abcdef"
    static let alertsToken = "test-alerts-token-0123456789abcdef"

    let site: LoopbackInstallation
    let serving: ServingCrier
    let base: String

    /// An HTTP answer.
    struct Answer: Sendable {
        let status: Int
        let body: String
    }

    init(prefix: String, residents: String) async throws {
        site = try await LoopbackInstallation(prefix: prefix, residents: residents) { _ in
            """
            network: { allow_private: true }
            # Several sign-ups from one address within a minute: the limits have their own suite.
            http: { public_url: "\(ResidentServer.publicURL)", rate_limits: { signup: { per_minute: 0 } } }
            partners:
              - { id: bounce-relay, token_sha256: 047e697a7f2916a935ac9cf6272f507327936fddd173bf6779bb2256b425e8d4,
                  scopes: ["bounces:write"] }
              - { id: neighbourhood-link, token_sha256: d6b3a2284c08709b21fd6ed855bc6584c5b34bf51431d5b0b4599743779f669a,
                  scopes: ["alerts:read"] }

            """
        }
        serving = try await ServingCrier(site.crier, ["serve", "--listen", "127.0.0.1:0"])
        base = serving.baseURL.absoluteString
    }

    deinit {
        kill(serving.process.processIdentifier, SIGTERM)
    }

    /// Stops the server and returns what it printed.
    func stop() async throws -> CrierBinary.Result {
        try await serving.stop()
    }

    func get(_ path: String, headers: [String] = []) async throws -> Answer {
        try await curl([base + path] + headers.flatMap { ["-H", $0] })
    }

    /// A urlencoded form POST, as a browser sends it.
    func postForm(_ path: String, _ fields: [(String, String)]) async throws -> Answer {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await curl([
            "-X", "POST", "-H", "Content-Type: application/x-www-form-urlencoded", "--data-binary", body, base + path,
        ])
    }

    /// A JSON POST with an optional bearer token.
    func postJSON(_ path: String, _ json: String, token: String?) async throws -> Answer {
        var arguments = ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", json, base + path]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        return try await curl(arguments)
    }

    func curl(_ arguments: [String]) async throws -> Answer {
        try await Task.detached { [arguments] in try ResidentServer.curlNow(arguments) }.value
    }

    /// Runs curl once: the body, then the status on a line of its own.
    static func curlNow(_ arguments: [String]) throws -> Answer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "--max-time", "20", "-w", "\n%{http_code}"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.lastIndex(of: "\n") else { return Answer(status: 0, body: text) }
        return Answer(status: Int(text[text.index(after: split)...]) ?? 0, body: String(text[..<split]))
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

}
