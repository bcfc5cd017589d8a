import CrierCore
import CrierYAML
import Foundation
import Testing

@testable import CrierRuntime

@Suite("crier.yml loading")
struct ConfigurationLoaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/config")

    struct BadCase: Sendable, CustomStringConvertible {
        let file: String
        let line: Int?
        let key: String?
        let mentions: String
        var description: String { file }
    }

    static let badCases: [BadCase] = [
        BadCase(file: "unknown-key.yml", line: 4, key: "colour", mentions: "unknown key"),
        BadCase(file: "duplicate-key.yml", line: 3, key: "database", mentions: "duplicate key (first on line 2)"),
        BadCase(file: "wrong-type.yml", line: 4, key: "email.max_connections", mentions: "whole number"),
        BadCase(file: "unknown-area.yml", line: 4, key: "endpoints[0].areas", mentions: "unknown area \"north\""),
        BadCase(file: "bad-relay.yml", line: 2, key: "email.relay", mentions: "smtp://"),
        BadCase(file: "tls-none-remote.yml", line: 3, key: "email.tls", mentions: "loopback"),
        BadCase(file: "credentials-in-url.yml", line: 4, key: "endpoints[0].url", mentions: "credentials"),
        BadCase(file: "bad-timezone.yml", line: 1, key: "timezone", mentions: "Europe/Londres"),
        BadCase(file: "bad-duration.yml", line: 2, key: "retry.schedule", mentions: "\"soon\""),
        BadCase(file: "header-injection.yml", line: 2, key: "endpoints[0].address", mentions: "line break"),
        BadCase(file: "unknown-kind.yml", line: 2, key: "endpoints[0].kind", mentions: "pigeon"),
        BadCase(file: "not-yaml.yml", line: nil, key: nil, mentions: "not valid YAML"),
        BadCase(
            file: "yes-for-true.yml", line: 3, key: "approvals.actual",
            mentions: "expected true or false, found \"yes\""),
        BadCase(file: "quoted-boolean.yml", line: 2, key: "publish.exercises", mentions: "without quotes"),
    ]

    @Test("a bad file is refused, naming file, line and key", arguments: badCases)
    func refusesBadFile(_ bad: BadCase) throws {
        let url = Self.fixtures.appendingPathComponent(bad.file)
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.load(from: url) }
        #expect(error.file.hasSuffix(bad.file))
        if let line = bad.line { #expect(error.line == line) }
        #expect(error.key == bad.key)
        #expect(error.description.contains(bad.mentions), "\(error)")
    }

    @Test("secrets in a refused URL are not repeated in the error")
    func redactsCredentials() throws {
        let url = Self.fixtures.appendingPathComponent("credentials-in-url.yml")
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.load(from: url) }
        #expect(!error.description.contains("hunter2"))
    }

    @Test("the shipped crier.yml loads, with paths beside it")
    func shippedConfiguration() throws {
        let root = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let configuration = try ConfigurationLoader.load(from: root.appendingPathComponent("crier.yml"))
        #expect(configuration.areas.map(\.id) == ["west", "central", "south", "east"])
        #expect(configuration.timeZone.identifier == "Europe/London")
        #expect(configuration.database.path == root.appendingPathComponent("var/crier.sqlite").standardizedFileURL.path)
        #expect(configuration.retry.delays == [5, 300, 1_800, 7_200, 18_000, 36_000])
        #expect(configuration.email?.tls == .required)
        #expect(configuration.endpoints.map(\.id) == ["neighbourhood-link", "city-centre-ops", "partner-chat"])
        #expect(configuration.allowPrivateNetworks == false)
        // The twelve listed, and the built-in topic of area bulletins.
        #expect(configuration.topics.count == 13)
        #expect(configuration.topics.last == BuiltInTopic.bulletin)
    }

    @Test("defaults fill an empty file")
    func emptyFile() throws {
        let configuration = try ConfigurationLoader.parse("", file: URL(fileURLWithPath: "/srv/crier/crier.yml"))
        #expect(configuration.database.path == "/srv/crier/var/crier.sqlite")
        #expect(configuration.areas.count == 4)
        #expect(configuration.misfireGrace == 3_600)
        #expect(configuration.quietHoursStart == "21:00")
        #expect(configuration.actualAlertsNeedApproval)
    }
}
