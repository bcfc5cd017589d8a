import Curl
import Testing

@Suite("AddressGuard classifies addresses")
struct AddressGuardTests {
    static let restricted: [(String, AddressGuard.Restriction)] = [
        ("127.0.0.1", .loopback),
        ("127.255.255.254", .loopback),
        ("10.0.0.1", .privateNetwork),
        ("10.255.255.255", .privateNetwork),
        ("172.16.0.1", .privateNetwork),
        ("172.31.255.255", .privateNetwork),
        ("192.168.1.1", .privateNetwork),
        ("169.254.169.254", .metadata),
        ("100.64.0.1", .sharedAddressSpace),
        ("100.127.255.255", .sharedAddressSpace),
        ("0.0.0.0", .thisNetwork),
        ("0.1.2.3", .thisNetwork),
        ("224.0.0.1", .multicast),
        ("239.255.255.250", .multicast),
        ("255.255.255.255", .broadcast),
        ("240.0.0.1", .reserved),
        ("::1", .loopback),
        ("::", .unspecified),
        ("fc00::1", .uniqueLocal),
        ("fd12:3456:789a::1", .uniqueLocal),
        ("fe80::1", .linkLocal),
        ("febf::1", .linkLocal),
        ("ff02::1", .multicast),
        ("::ffff:127.0.0.1", .loopback),
        ("::ffff:10.1.2.3", .privateNetwork),
        ("::ffff:169.254.169.254", .metadata),
        ("64:ff9b::7f00:1", .loopback),
        ("2002:c0a8:0101::1", .privateNetwork),
        ("localhost", .unparseable),
        ("2130706433", .unparseable),
    ]

    @Test("restricted addresses are refused", arguments: restricted)
    func refused(address: String, expected: AddressGuard.Restriction) {
        #expect(AddressGuard.restriction(of: address) == expected)
        #expect(AddressGuard().refusal(for: address)?.restriction == expected)
        #expect(AddressGuard(allowPrivateAddresses: false).refusal(for: address)?.restriction == expected)
    }

    @Test(
        "public addresses are allowed",
        arguments: [
            "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0", "169.253.0.1",
            "192.167.1.1", "11.0.0.1", "2001:4860:4860::8888", "2a00:1450::1", "::ffff:8.8.8.8",
            "2002:0808:0808::1",
        ])
    func allowed(address: String) {
        #expect(AddressGuard.restriction(of: address) == nil)
        #expect(AddressGuard().refusal(for: address) == nil)
    }
}

@Suite("AddressGuard applies allow lists")
struct AddressGuardPolicyTests {
    /// `allow_private: true` stands for loopback, RFC 1918 and unique-local networks, and nothing more.
    static let shorthand: [(String, Bool)] = [
        ("127.0.0.1", true), ("::1", true), ("::ffff:127.0.0.1", true), ("10.1.2.3", true), ("172.20.0.1", true),
        ("192.168.0.10", true), ("fd12:3456::1", true), ("fc00::1", true), ("64:ff9b::a00:1", true),
        ("169.254.169.254", false), ("169.254.0.1", false), ("fd00:ec2::254", false), ("100.64.0.1", false),
        ("100.100.100.200", false), ("192.0.2.1", false), ("198.18.0.1", false), ("fe80::1", false),
        ("224.0.0.1", false), ("0.0.0.0", false), ("2001:db8::1", false), ("8.8.8.8", true),
    ]

    @Test("allow_private: true opens exactly loopback, RFC 1918 and ULA", arguments: shorthand)
    func allowPrivate(address: String, reachable: Bool) {
        #expect((AddressGuard(allowPrivateAddresses: true).refusal(for: address) == nil) == reachable)
    }

    static let listed: [(String, Bool)] = [
        ("10.20.0.5", true), ("10.20.255.255", true), ("10.21.0.1", false), ("10.19.255.255", false),
        ("127.0.0.1", false), ("192.168.1.1", false), ("::ffff:10.20.0.9", true), ("64:ff9b::a14:5", true),
        ("2002:a14:5::1", true), ("fd12:3456::7", true), ("fd12:3457::7", false), ("192.0.2.9", true),
        ("192.0.2.10", false),
    ]

    @Test("an allow list opens what it lists and nothing else", arguments: listed)
    func allowList(address: String, reachable: Bool) throws {
        let guardian = AddressGuard(
            allowing: try ["10.20.0.0/16", "fd12:3456::/32", "192.0.2.9/32"].map { try IPNetwork(parsing: $0) })
        #expect((guardian.refusal(for: address) == nil) == reachable)
    }

    @Test(
        "metadata addresses are refused even when everything is listed",
        arguments: [
            "169.254.169.254", "169.254.0.1", "fd00:ec2::254", "100.100.100.200", "168.63.129.16", "192.0.0.192",
            "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "::169.254.169.254",
            "2001:0:4136:e378:8000:63bf:5601:5601",
        ])
    func metadataNever(address: String) throws {
        let everything = AddressGuard(allowing: try ["0.0.0.0/0", "::/0"].map { try IPNetwork(parsing: $0) })
        #expect(everything.refusal(for: address)?.restriction == .metadata)
        #expect(everything.refusal(for: "10.0.0.1") == nil)
    }

    @Test(
        "loopback is 127.0.0.0/8, ::1 and their IPv4-mapped form, nothing else",
        arguments: [
            ("127.0.0.1", true), ("127.200.1.1", true), ("::1", true), ("::ffff:127.0.0.1", true),
            ("128.0.0.1", false), ("::2", false), ("64:ff9b::7f00:1", false), ("10.0.0.1", false),
            ("::ffff:10.0.0.1", false), ("100.128.77.1", false),
        ])
    func loopback(address: String, expected: Bool) throws {
        #expect(AddressGuard.isLoopback(try IPNetwork(parsing: address).bytes) == expected)
    }

    @Test("a refusal names the address, the reason, the block and the embedded IPv4 address")
    func description() {
        #expect(
            AddressGuard().refusal(for: "192.0.2.7")?.description
                == "address 192.0.2.7 refused by network policy (documentation, 192.0.2.0/24)")
        #expect(
            AddressGuard().refusal(for: "64:ff9b::7f00:1")?.description
                == "address 64:ff9b::7f00:1 refused by network policy (loopback, 127.0.0.0/8, via embedded IPv4 127.0.0.1)"
        )
    }
}
