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
        ("169.254.169.254", .linkLocal),
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
        ("::ffff:169.254.169.254", .linkLocal),
        ("64:ff9b::7f00:1", .loopback),
        ("2002:c0a8:0101::1", .privateNetwork),
        ("localhost", .unparseable),
        ("2130706433", .unparseable),
    ]

    @Test("restricted addresses are refused", arguments: restricted)
    func refused(address: String, expected: AddressGuard.Restriction) {
        #expect(AddressGuard.restriction(of: address) == expected)
        #expect(AddressGuard(allowPrivateAddresses: false).refusal(for: address) == expected)
        #expect(AddressGuard(allowPrivateAddresses: true).refusal(for: address) == nil)
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
        #expect(AddressGuard(allowPrivateAddresses: false).refusal(for: address) == nil)
    }
}
