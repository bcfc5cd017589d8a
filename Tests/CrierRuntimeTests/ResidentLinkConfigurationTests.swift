import Foundation
import Testing

@testable import CrierRuntime

@Suite("email.unsubscribe_url and http.public_url")
struct ResidentLinkConfigurationTests {
    static func load(email extra: String, http: String) throws -> CrierConfiguration {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crier-link-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("crier.yml")
        try """
        email:
          relay: smtp://127.0.0.1:2525
          tls: none
        \(extra)
        \(http)
        """.write(to: file, atomically: true, encoding: .utf8)
        return try ConfigurationLoader.load(from: file)
    }

    @Test(arguments: [
        ("https://alerts.example.org", "https://alerts.example.org/unsubscribe/{token}"),
        ("https://alerts.example.org/", "https://alerts.example.org/unsubscribe/{token}"),
        ("https://example.org/crier", "https://example.org/crier/unsubscribe/{token}"),
    ])
    func defaultsToThePublicUnsubscribePage(publicURL: String, expected: String) throws {
        let configuration = try Self.load(email: "", http: "http: { public_url: \"\(publicURL)\" }")
        #expect(configuration.email?.unsubscribeURLPattern == expected)
    }

    @Test func anExplicitPatternWins() throws {
        let configuration = try Self.load(
            email: "  unsubscribe_url: \"https://example.net/u/{token}\"",
            http: "http: { public_url: \"https://alerts.example.org\" }")
        #expect(configuration.email?.unsubscribeURLPattern == "https://example.net/u/{token}")
    }

    @Test func withoutAPublicURLThereIsNoLink() throws {
        let configuration = try Self.load(email: "", http: "")
        #expect(configuration.email?.unsubscribeURLPattern == nil)
    }
}
