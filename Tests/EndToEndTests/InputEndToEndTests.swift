import CrierCore
import CrierStore
import CrierTestSupport
import Foundation
import Testing

/// A throwaway installation without servers: crier.yml (email relay and a webhook on loopback that
/// are never reached), the shipped templates, and a folder for schedules and published files.
final class InputSite {
    let directory: URL
    let crier: CrierBinary

    init(extra: String = "", endpoints: [String] = [], environment: [String: String] = [:]) throws {
        directory = try TestPaths.makeTemporaryDirectory(prefix: "crier-e2e-input")
        let yaml = """
            timezone: Europe/London
            database: crier.sqlite
            templates: "\(TestPaths.repositoryRoot.appendingPathComponent("templates").path)"
            schedules: schedules
            sender: { name: Safer Leicester Partnership, email: alerts@example.org }
            email:
              relay: smtp://127.0.0.1:9
              tls: none
              from: "Safer Leicester Partnership <alerts@example.org>"
              unsubscribe_url: "https://example.org/unsubscribe/{token}"
            network: { allow_private: true }
            approvals: { actual: true }
            \(endpoints.isEmpty ? "" : "endpoints:\n" + endpoints.map { "  - \($0)" }.joined(separator: "\n"))
            \(extra)
            """
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("schedules"), withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("crier.yml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        crier = CrierBinary(config: config, environment: environment)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Imports `csv` (written to a file) and returns the run.
    func importCSV(_ csv: String) async throws -> CrierBinary.Result {
        let file = directory.appendingPathComponent("residents-\(UUID().uuidString.prefix(6)).csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        return try await crier.run(["subscribers", "import", file.path])
    }

    func outbox() throws -> SQLiteOutbox {
        try SQLiteOutbox(path: directory.appendingPathComponent("crier.sqlite").path)
    }
}

/// Where each fixture is: `Tests/EndToEndTests/Fixtures/<folder>/<name>`.
private func fixture(_ folder: String, _ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(folder)/\(name)")
}

@Suite(
    "end to end: input checked where it enters", .serialized,
    .enabled(if: CrierBinary.isBuilt))
struct InputEndToEndTests {
    /// A crier.yml holding one value that would be refused only at send time.
    struct BadConfig: Sendable, CustomStringConvertible {
        let file: String
        /// `file:line: key` as the error must name it.
        let place: String
        let mentions: String
        var description: String { file }
    }

    static let badConfigs: [BadConfig] = [
        BadConfig(file: "from-line-separator.yml", place: ":4: email.from", mentions: "U+2028"),
        BadConfig(file: "from-next-line.yml", place: ":4: email.from", mentions: "U+0085"),
        BadConfig(file: "from-two-ats.yml", place: ":4: email.from", mentions: "exactly one @"),
        BadConfig(file: "from-two-addresses.yml", place: ":4: email.from", mentions: "not a usable sender"),
        BadConfig(file: "sender-name-line-separator.yml", place: ":2: sender.name", mentions: "U+2028"),
        BadConfig(file: "sender-name-escape.yml", place: ":2: sender.name", mentions: "U+001B"),
        BadConfig(file: "unsubscribe-url-line-break.yml", place: ":4: email.unsubscribe_url", mentions: "U+000D"),
        BadConfig(file: "endpoint-url-line-break.yml", place: ":4: endpoints[0].url", mentions: "U+000D"),
        BadConfig(file: "endpoint-url-space.yml", place: ":4: endpoints[0].url", mentions: "space"),
        BadConfig(file: "endpoint-url-line-separator.yml", place: ":4: endpoints[0].url", mentions: "U+2028"),
        BadConfig(file: "endpoint-address-bidi.yml", place: ":4: endpoints[0].address", mentions: "U+202E"),
        BadConfig(
            file: "endpoint-address-long-local-part.yml", place: ":4: endpoints[0].address", mentions: "64"),
        BadConfig(file: "endpoint-address-bad-domain.yml", place: ":4: endpoints[0].address", mentions: "domain"),
        BadConfig(file: "publish-bad-file-mode.yml", place: ":3: publish.file_mode", mentions: "octal"),
        BadConfig(file: "publish-dir-mode-not-searchable.yml", place: ":3: publish.dir_mode", mentions: "700"),
    ]

    @Test("a value bound for a header, address or URL is refused when crier.yml loads", arguments: badConfigs)
    func badConfigurationRefused(_ bad: BadConfig) async throws {
        let directory = try TestPaths.makeTemporaryDirectory(prefix: "crier-e2e-input-config")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("crier.yml")
        try FileManager.default.copyItem(at: fixture("config", bad.file), to: config)
        let result = try await CrierBinary.run(["status", "--config", config.path], directory: directory)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("crier.yml\(bad.place)"), "\(result.stderr)")
        #expect(result.stderr.contains(bad.mentions), "\(result.stderr)")
        // Only the one `crier: ...` line: nothing the value held may forge another.
        #expect(result.stderr.split(whereSeparator: \.isNewline).count == 1, "\(result.stderr)")
    }

    /// A residents file with one value refused on import.
    struct BadCSV: Sendable, CustomStringConvertible {
        let file: String
        let field: String
        let mentions: String
        var description: String { file }
    }

    static let badCSVs: [BadCSV] = [
        BadCSV(file: "name-line-separator.csv", field: "name", mentions: "U+2028"),
        BadCSV(file: "name-paragraph-separator.csv", field: "name", mentions: "U+2029"),
        BadCSV(file: "name-bidi-override.csv", field: "name", mentions: "U+202E"),
        BadCSV(file: "name-too-long.csv", field: "name", mentions: "longer than 200"),
        BadCSV(file: "locale-too-long.csv", field: "locale", mentions: "longer than 35"),
    ]

    @Test("a CSV value is refused on import, naming its line and field", arguments: badCSVs)
    func badCSVRefused(_ bad: BadCSV) async throws {
        let site = try InputSite()
        let result = try await site.crier.run(["subscribers", "import", fixture("subscribers", bad.file).path])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("\(bad.file):line 2: \(bad.field): "), "\(result.stderr)")
        #expect(result.stderr.contains(bad.mentions), "\(result.stderr)")
        #expect(try site.outbox().subscribers(area: nil).isEmpty)
    }

    @Test("a field of 20 MB is refused with its line and field, and nothing is imported")
    func hugeFieldRefused() async throws {
        let site = try InputSite()
        let file = site.directory.appendingPathComponent("huge.csv")
        var data = Data("email,name,area,topics,locale\nann@example.org,Ann,east,all,en\nbob@example.org,".utf8)
        data.append(Data(repeating: UInt8(ascii: "b"), count: 20 << 20))
        data.append(Data(",east,all,en\n".utf8))
        try data.write(to: file)
        let result = try await site.crier.run(["subscribers", "import", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("huge.csv:line 3: name: longer than 200 characters"), "\(result.stderr)")
        #expect(result.stderr.utf8.count < 2_000)
        #expect(try site.outbox().subscribers(area: nil).isEmpty)
    }

    @Test(
        "an alert variable with ESC or DEL that reaches the subject is refused before anything is queued",
        arguments: ["\u{1B}[2J", "\u{7F}"])
    func badHeadlineRefused(_ bad: String) async throws {
        let site = try InputSite()
        #expect(
            try await site.importCSV("email,name,area,topics,locale\nann@example.org,Ann,east,all,en\n").status == 0)
        let result = try await site.crier.run([
            "alert", "urgent-warning", "--area", "east", "--yes", "--var", "headline=Fake couriers\(bad) in Evington",
            "--var", "description=Callers claim to be police.", "--var", "instruction=Hang up.",
        ])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("variable headline: contains a control character"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{7F}"))
        #expect(try site.outbox().audit(since: nil).filter { $0.action == "propose" }.isEmpty)
    }

    @Test("terminal output escapes control characters in values that came from input")
    func terminalOutputEscaped() async throws {
        let site = try InputSite(endpoints: [#"{ id: partner, kind: webhook, url: "http://127.0.0.1:9/hook" }"#])
        #expect(try await site.crier.run(["status"]).status == 0)
        // Rows written before these checks existed (or by another tool) still hold such values.
        let outbox = try site.outbox()
        _ = try outbox.upsertSubscribers(
            [SubscriberInput(email: "ann@example.org", name: "Ann\r\nforged line\u{1B}[31m", area: "east")],
            now: Date())
        try outbox.disableEndpoint("partner", reason: "HTTP 410\r\nforged: yes\u{1B}]0;title\u{07}", now: Date())

        let listed = try await site.crier.run(["subscribers", "list"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(#"Ann\r\nforged line\u{1B}[31m"#), "\(listed.stdout)")
        #expect(!listed.stdout.contains("\u{1B}") && !listed.stdout.contains("\r"))
        #expect(listed.stdout.split(separator: "\n").count == 1)

        let status = try await site.crier.run(["status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains(#"HTTP 410\r\nforged: yes\u{1B}]0;title\u{7}"#), "\(status.stdout)")
        #expect(!status.stdout.contains("\u{1B}") && !status.stdout.contains("\r"))
        #expect(!status.stdout.split(separator: "\n").contains { $0.hasPrefix("forged") })
    }

    @Test(
        "a webhook secret shorter than 24 bytes, empty or not base64 is refused naming endpoint and variable",
        arguments: [
            "whsec_" + Data(repeating: 7, count: 16).base64EncodedString(), "whsec_", "whsec_not base64!",
        ])
    func badWebhookSecret(_ secret: String) async throws {
        let site = try InputSite(
            endpoints: [
                #"{ id: partner, kind: webhook, url: "http://127.0.0.1:9/hook", secret_env: CRIER_TEST_PARTNER_SECRET }"#
            ], environment: ["CRIER_TEST_PARTNER_SECRET": secret])
        let result = try await site.crier.run(["run", "--until-idle"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("endpoint partner"), "\(result.stderr)")
        #expect(result.stderr.contains("CRIER_TEST_PARTNER_SECRET"), "\(result.stderr)")
        let encoded = String(secret.dropFirst(6))
        #expect(encoded.isEmpty || !result.stderr.contains(encoded), "\(result.stderr)")
    }

    @Test("schedules check reports an unknown key first, and every problem of a file in one run")
    func everyScheduleProblem() async throws {
        let site = try InputSite()
        for name in ["typo.yml", "several.yml"] {
            try FileManager.default.copyItem(
                at: fixture("schedules", name), to: site.directory.appendingPathComponent("schedules/\(name)"))
        }
        let result = try await site.crier.run(["schedules", "check"])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let typo = lines.filter { $0.contains("schedules/typo.yml") }
        #expect(typo.first?.contains("schedules/typo.yml:4: shedule: unknown key") == true, "\(result.stderr)")
        let several = lines.filter { $0.contains("schedules/several.yml") }
        #expect(several.first?.contains("several.yml:3: colour: unknown key") == true, "\(result.stderr)")
        for key in ["areas", "cron", "quiet_hours"] {
            #expect(several.contains { $0.contains("several.yml:") && $0.contains(": \(key): ") }, "\(result.stderr)")
        }
    }

    /// An operator name refused outright.
    static let refusedOperators: [String] = ["", "   ", "ali\u{200B}ce", "\u{0430}lice", "ali\u{202E}ce"]

    @Test("an empty, invisible or mixed-script operator name is refused", arguments: refusedOperators)
    func refusedOperatorName(_ name: String) async throws {
        let site = try InputSite()
        let result = try await site.crier.run([
            "alert", "urgent-warning", "--area", "east", "--yes", "--operator", name,
            "--var", "headline=Fake couriers", "--var", "description=Callers.", "--var", "instruction=Hang up.",
        ])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("--operator"), "\(result.stderr)")
        #expect(try site.outbox().audit(since: nil).isEmpty)
    }

    @Test("\"Alice \" and a full-width alice are the proposer, not a second operator; the audit has the OS user")
    func operatorNamesNormalised() async throws {
        let site = try InputSite()
        #expect(
            try await site.importCSV("email,name,area,topics,locale\nann@example.org,Ann,east,all,en\n").status == 0)
        let proposed = try await site.crier.run(
            [
                "alert", "urgent-warning", "--area", "east", "--yes", "--format", "json", "--operator", "alice",
                "--var", "headline=Fake couriers", "--var", "description=Callers.", "--var", "instruction=Hang up.",
            ])
        #expect(proposed.status == 0, "\(proposed.stderr)")
        let id = try #require((try proposed.json()["outcome"] as? [String: Any])?["id"] as? String)
        for same in ["Alice ", "\u{FF41}lice"] {
            let own = try await site.crier.run(["approve", id, "--yes", "--operator", same])
            #expect(own.status == 2, "\(same): \(own.stdout)")
            #expect(own.stderr.contains("two-person rule"), "\(own.stderr)")
        }
        let audit = try site.outbox().audit(since: nil)
        let proposal = try #require(audit.first { $0.action == "propose" })
        #expect(proposal.actor == "alice")
        #expect(proposal.osUser?.hasPrefix("uid=\(getuid())") == true, "\(proposal)")
    }

    @Test("published files and folders get 0644 and 0755 whatever the umask", arguments: ["000", "077"])
    func publishedModes(_ umask: String) async throws {
        let site = try InputSite(extra: "publish: { dir: public }")
        let published = try await CrierBinary.run(
            ["publish"], environment: ["CRIER_CONFIG": site.directory.appendingPathComponent("crier.yml").path],
            directory: site.directory, launcher: ["sh", "-c", "umask \(umask) && exec \"$0\" \"$@\""])
        #expect(published.status == 0, "\(published.stderr)")
        let root = site.directory.appendingPathComponent("public")
        func mode(_ path: String) throws -> Int {
            let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
            return (attributes[.posixPermissions] as? Int) ?? -1
        }
        #expect(try mode("") == 0o755)
        #expect(try mode("feeds") == 0o755)
        #expect(try mode("index.html") == 0o644)
        #expect(try mode("feeds/city.atom") == 0o644)
    }
}
