import CrierYAML
import Curl
import Foundation
import Testing

@testable import CrierRuntime

@Suite("crier.yml network policy")
struct NetworkPolicyConfigurationTests {
    static let file = URL(fileURLWithPath: "/srv/crier/crier.yml")

    static func parse(_ text: String) throws -> CrierConfiguration {
        try ConfigurationLoader.parse(text, file: file)
    }

    @Test("network.allow, an endpoint's allow and email.allow are read as CIDRs")
    func allowLists() throws {
        let configuration = try Self.parse(
            """
            email:
              relay: smtps://mail.internal.example:465
              allow: [10.40.0.25]
            endpoints:
              - { id: ops, kind: webhook, url: "https://ops.internal.example/hook", allow: [10.30.0.0/24] }
              - { id: partner, kind: webhook, url: "https://partner.example.org/hook" }
            network: { allow: [10.20.0.0/16, "fd12:3456::/32"], allow_private: false }
            """)
        #expect(configuration.allowedNetworks.map(\.description) == ["10.20.0.0/16", "fd12:3456::/32"])
        #expect(configuration.endpointAllowedNetworks.mapValues { $0.map(\.description) } == ["ops": ["10.30.0.0/24"]])
        #expect(configuration.email?.allowedNetworks.map(\.description) == ["10.40.0.25/32"])
        #expect(configuration.allowPrivateNetworks == false)
    }

    @Test("allow_private: true stays the shorthand, with nothing listed")
    func shorthand() throws {
        let configuration = try Self.parse("network: { allow_private: true }")
        #expect(configuration.allowPrivateNetworks)
        #expect(configuration.allowedNetworks.isEmpty)
    }

    struct BadCase: Sendable, CustomStringConvertible {
        let yaml: String
        let line: Int
        let key: String
        let mentions: String
        var description: String { "\(key): \(mentions)" }
    }

    static let badCases: [BadCase] = [
        BadCase(
            yaml: "network: { allow: [169.254.169.254/32] }", line: 1, key: "network.allow",
            mentions: "169.254.169.254/32 covers 169.254.0.0/16, cloud metadata addresses that are never reachable"),
        BadCase(
            yaml: "network:\n  allow:\n    - 10.0.0.0/8\n    - 0.0.0.0/0", line: 3, key: "network.allow",
            mentions: "0.0.0.0/0 covers 169.254.0.0/16"),
        BadCase(
            yaml: "network:\n  allow: [fd00::/8]", line: 2, key: "network.allow",
            mentions: "fd00::/8 covers fd00:ec2::254/128"),
        BadCase(
            yaml: "network: { allow: [10.20.0.1/16] }", line: 1, key: "network.allow",
            mentions: "did you mean 10.20.0.0/16"),
        BadCase(
            yaml: "network: { allow: [intranet] }", line: 1, key: "network.allow",
            mentions: "\"intranet\" is not an IPv4 or IPv6 address or CIDR range"),
        BadCase(
            yaml: "network: { allow_everything: true }", line: 1, key: "network.allow_everything", mentions: "allow"),
        BadCase(
            yaml: """
                endpoints:
                  - { id: meta, kind: webhook, url: "http://169.254.169.254/", allow: [169.254.169.254] }
                """,
            line: 2, key: "endpoints[0].allow", mentions: "never reachable"),
        BadCase(
            yaml: """
                endpoints:
                  - { id: box, kind: email, address: box@example.org, allow: [10.0.0.0/8] }
                """,
            line: 2, key: "endpoints[0].allow", mentions: "email.allow"),
        BadCase(
            yaml: "email:\n  relay: smtp://relay.internal.example:25\n  allow: [100.100.100.0/24]", line: 3,
            key: "email.allow", mentions: "covers 100.100.100.200/32"),
        BadCase(
            yaml: "email:\n  relay: smtp://10.0.0.25:25\n  tls: none", line: 3, key: "email.tls", mentions: "loopback"),
        BadCase(
            yaml: "email:\n  relay: smtp://[2001:db8::25]:25\n  tls: none", line: 3, key: "email.tls",
            mentions: "loopback"),
    ]

    @Test("a bad network setting is refused, naming file, line and key", arguments: badCases)
    func refused(_ bad: BadCase) {
        let error = #expect(throws: ConfigurationError.self) { try Self.parse(bad.yaml) }
        #expect(error?.file == "crier.yml")
        #expect(error?.line == bad.line)
        #expect(error?.key == bad.key)
        #expect(error?.description.contains(bad.mentions) == true, "\(String(describing: error))")
    }

    /// A relay name with `tls: none` is judged on the addresses it resolves to, at every connection.
    @Test(
        "tls: none accepts a loopback literal or a name, never decides on the name",
        arguments: [
            "smtp://127.0.0.1:2525", "smtp://[::1]:2525", "smtp://localhost:2525", "smtp://127.relay.example:25",
        ])
    func plainTextRelayLoads(relay: String) throws {
        let configuration = try Self.parse("email:\n  relay: \(relay)\n  tls: none")
        #expect(configuration.email?.tls == CrierConfiguration.EmailRelay.TLSPolicy.none)
    }
}
