import CrierTestSupport
import Foundation

/// An installation with three partners whose bearer tokens `crier partners token` made: `nlink`
/// (trusted to confirm residents itself; every scope but bounces), `council` (residents only, not
/// trusted) and `reader` (current alerts only).
final class PartnerSite {
    let directory: URL
    let crier: CrierBinary
    /// Each partner's bearer token, by id.
    let tokens: [String: String]

    /// Writes crier.yml (`extra` appended) and makes the tokens.
    init(prefix: String, extra: String = "") async throws {
        directory = try TestPaths.makeTemporaryDirectory(prefix: prefix)
        let schedules = directory.appendingPathComponent("schedules")
        try FileManager.default.createDirectory(at: schedules, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("crier.yml")
        let bare = CrierBinary(config: config)
        var tokens: [String: String] = [:]
        var hashes: [String: String] = [:]
        for id in ["nlink", "council", "reader"] {
            let made = try await bare.run(["partners", "token", "--format", "json"])
            let pair = try made.json()
            tokens[id] = pair["token"] as? String
            hashes[id] = pair["token_sha256"] as? String
        }
        self.tokens = tokens
        try """
        database: crier.sqlite
        templates: "\(TestPaths.repositoryRoot.appendingPathComponent("templates").path)"
        schedules: schedules
        partners:
          - { id: nlink, token_sha256: "\(hashes["nlink"] ?? "")", confirms_subscribers: true,
              scopes: [subscribers:write, bulletins:write, alerts:read] }
          - { id: council, token_sha256: "\(hashes["council"] ?? "")", scopes: [subscribers:write] }
          - { id: reader, token_sha256: "\(hashes["reader"] ?? "")", scopes: [alerts:read] }
        \(extra)
        """.write(to: config, atomically: true, encoding: .utf8)
        crier = bare
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// `Authorization` for partner `id`.
    func bearer(_ id: String) -> [String: String] {
        ["Authorization": "Bearer \(tokens[id] ?? "")"]
    }

    /// Headers for a JSON body sent by partner `id`.
    func json(_ id: String) -> [String: String] {
        bearer(id).merging(["Content-Type": "application/json"]) { _, new in new }
    }
}

extension CurlResponse {
    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] {
        ((try? json()) as? [String: Any]) ?? [:]
    }
}
