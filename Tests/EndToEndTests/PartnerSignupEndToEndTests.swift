import CrierTestSupport
import Foundation
import Testing

/// Residents from partners that do not confirm people themselves: the API's PUT becomes a pending
/// sign-up whose confirmation email goes through the outbox and the relay, and the resident is
/// active only once the link is followed. A trusted partner cannot re-activate a suppressed address.
@Suite("end to end: partner sign-ups and suppression", .serialized, .enabled(if: CrierBinary.isBuilt))
struct PartnerSignupEndToEndTests {
    @Test("an untrusted partner's PUT sends a confirmation; a hard bounce stops a trusted partner's PUT")
    func confirmationRoundTrip() async throws {
        let scratch = try TestPaths.makeTemporaryDirectory(prefix: "crier-e2e-partner-signup-tokens")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let bare = CrierBinary(config: scratch.appendingPathComponent("crier.yml"))
        var tokens: [String: String] = [:]
        var hashes: [String: String] = [:]
        for id in ["nlink", "council"] {
            let pair = try await bare.run(["partners", "token", "--format", "json"]).json()
            tokens[id] = pair["token"] as? String
            hashes[id] = pair["token_sha256"] as? String
        }
        let site = try await LoopbackInstallation(
            prefix: "crier-e2e-partner-signup",
            residents: "email,name,area,topics,locale\nann@example.org,Ann,east,all,en\n"
        ) { _ in
            """
            http: { public_url: "https://alerts.example.org" }
            network: { allow_private: true }
            partners:
              - { id: nlink, token_sha256: "\(hashes["nlink"] ?? "")", confirms_subscribers: true,
                  scopes: [subscribers:write, bounces:write] }
              - { id: council, token_sha256: "\(hashes["council"] ?? "")", scopes: [subscribers:write] }
            """
        }
        func headers(_ id: String) -> [String: String] {
            ["Authorization": "Bearer \(tokens[id] ?? "")", "Content-Type": "application/json"]
        }
        let server = try await ServingCrier(site.crier, ["serve", "--listen", "127.0.0.1:0"])
        let body = #"{"area": "west", "topics": ["scams"], "language": "en"}"#
        let pending = try await CurlResponse.send(
            "PUT", server.url("/api/v1/subscribers/new.resident@example.org"), headers: headers("council"), body: body)
        #expect(pending.status == 202, "\(pending.body)")
        #expect(pending.object["status"] as? String == "pending")
        let known = try await CurlResponse.send(
            "PUT", server.url("/api/v1/subscribers/ann@example.org"), headers: headers("council"), body: body)
        #expect(known.status == 202)
        var listed = try await site.crier.run(["subscribers", "list", "--format", "json"])
        #expect(!listed.stdout.contains("new.resident@example.org"))
        #expect(listed.stdout.contains("\"east\""), "ann stays as she was until she confirms")

        let run = try await site.crier.run(["run", "--until-idle", "--log-level", "error"])
        #expect(run.status == 0, "\(run.stderr)")
        let record = try #require(try site.smtp.records().first { $0.rcptTos == ["new.resident@example.org"] })
        let text = try #require(
            try PythonEmailParser.parse(Data(record.data.utf8)).parts.first { $0.contentType == "text/plain" }
        ).content
        let prefix = "https://alerts.example.org/subscribe/confirm/"
        let start = try #require(text.range(of: prefix)).upperBound
        let link = String(text[start...].prefix { $0.isLetter || $0.isNumber })
        let confirmed = try await CurlResponse.send(
            "POST", server.url("/subscribe/confirm/\(link)"),
            headers: ["Content-Type": "application/x-www-form-urlencoded"], body: "")
        #expect(confirmed.status == 200, "\(confirmed.body)")
        let export = try await site.crier.run(["subscribers", "export", "new.resident@example.org"])
        let subscriber = try #require(try export.json()["subscriber"] as? [String: Any])
        #expect((subscriber["consent"] as? [String: Any])?["source"] as? String == "partner council")

        let bounce = try await CurlResponse.send(
            "POST", server.url("/api/v1/bounces"), headers: headers("nlink"),
            body: #"{"email": "ann@example.org", "kind": "hard", "reason": "550 5.1.1 no such user"}"#)
        #expect(bounce.status == 200, "\(bounce.body)")
        let refused = try await CurlResponse.send(
            "PUT", server.url("/api/v1/subscribers/ann@example.org"), headers: headers("nlink"), body: body)
        #expect(refused.status == 409, "\(refused.body)")
        #expect((refused.object["error"] as? String)?.contains("hard-bounce") == true)
        let trusted = try await CurlResponse.send(
            "PUT", server.url("/api/v1/subscribers/other.resident@example.org"), headers: headers("nlink"), body: body)
        #expect(trusted.status == 201, "\(trusted.body)")
        listed = try await site.crier.run(["subscribers", "export", "other.resident@example.org"])
        let other = try #require(try listed.json()["subscriber"] as? [String: Any])
        #expect((other["consent"] as? [String: Any])?["source"] as? String == "partner nlink")
        #expect(try await server.stop().status == 0)
    }
}
