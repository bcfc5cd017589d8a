import CrierHTTP
import CrierYAML
import Foundation
import Testing

@testable import CrierRuntime

@Suite("crier.yml http: and partners:")
struct HTTPConfigurationTests {
    let file = URL(fileURLWithPath: "crier.yml")
    let hash = String(repeating: "ab", count: 32)

    func load(_ text: String) throws -> CrierConfiguration { try ConfigurationLoader.parse(text, file: file) }

    @Test func readsListenAndPublicURL() throws {
        let configuration = try load(
            "http: { listen: \"127.0.0.1:8080\", public_url: \"https://alerts.example.org\" }\n")
        #expect(configuration.http.listen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(configuration.http.publicURL?.absoluteString == "https://alerts.example.org")
    }

    @Test(arguments: [
        ("http: { listen: \"8080\" }\n", "http.listen"),
        ("http: { public_url: \"ftp://x.example\" }\n", "http.public_url"),
        ("http: { public_url: \"https://x.example/?a=1\" }\n", "http.public_url"),
        ("http: { port: 1 }\n", "http.port"),
    ])
    func refusesBadHTTP(text: String, key: String) {
        let error = #expect(throws: ConfigurationError.self) { try load(text) }
        #expect(error?.key == key, "\(String(describing: error))")
        #expect(error?.line == 1)
    }

    @Test func readsPartners() throws {
        let configuration = try load(
            """
            partners:
              - { id: neighbourhood-link, token_sha256: "\(hash.uppercased())", scopes: [subscribers:write, alerts:read], confirms_subscribers: true }
            """)
        let partner = try #require(configuration.partners.first)
        #expect(partner.id == "neighbourhood-link")
        #expect(partner.tokenSHA256 == Array(repeating: 0xab, count: 32))
        #expect(partner.scopes == [.subscribersWrite, .alertsRead])
        #expect(partner.confirmsSubscribers)
    }

    @Test(arguments: [
        ("token_sha256: \"abc\", scopes: [alerts:read]", "partners[0].token_sha256", "64 hexadecimal"),
        ("token_sha256: \"HASH\", scopes: [alerts:rwx]", "partners[0].scopes", "unknown scope \"alerts:rwx\""),
        ("token_sha256: \"HASH\", scopes: []", "partners[0].scopes", "at least one scope"),
        ("token: \"x\", token_sha256: \"HASH\", scopes: [alerts:read]", "partners[0].token", "unknown key"),
    ])
    func refusesBadPartners(fields: String, key: String, mentions: String) {
        let text = "partners:\n  - { id: p1, \(fields.replacingOccurrences(of: "HASH", with: hash)) }\n"
        let error = #expect(throws: ConfigurationError.self) { try load(text) }
        #expect(error?.key == key, "\(String(describing: error))")
        #expect(error?.description.contains(mentions) == true, "\(String(describing: error))")
    }

    @Test func refusesTwoPartnersWithOneToken() {
        let text = """
            partners:
              - { id: p1, token_sha256: "\(hash)", scopes: [alerts:read] }
              - { id: p2, token_sha256: "\(hash)", scopes: [alerts:read] }
            """
        let error = #expect(throws: ConfigurationError.self) { try load(text) }
        #expect(error?.description.contains("same token") == true)
    }
}
