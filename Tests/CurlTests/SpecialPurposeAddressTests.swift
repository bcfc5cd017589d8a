import Curl
import Testing

/// One row of `SpecialPurposeAddresses`, with an address inside it and what the guard must say.
struct RegistrySample: Sendable, CustomStringConvertible {
    let block: String
    let address: String
    /// nil: let through (an embedding block whose sample embeds a public IPv4 address).
    let expected: AddressGuard.Restriction?
    var description: String { "\(block) via \(address)" }
}

@Suite("Every special-purpose block is judged")
struct SpecialPurposeAddressTests {
    /// One sample per registry row; embedding rows get a public and a restricted sample.
    static let samples: [RegistrySample] = [
        RegistrySample(block: "0.0.0.0/8", address: "0.12.34.56", expected: .thisNetwork),
        RegistrySample(block: "0.0.0.0/32", address: "0.0.0.0", expected: .thisNetwork),
        RegistrySample(block: "10.0.0.0/8", address: "10.20.30.40", expected: .privateNetwork),
        RegistrySample(block: "100.64.0.0/10", address: "100.100.1.1", expected: .sharedAddressSpace),
        RegistrySample(block: "127.0.0.0/8", address: "127.8.9.10", expected: .loopback),
        RegistrySample(block: "169.254.0.0/16", address: "169.254.1.2", expected: .metadata),
        RegistrySample(block: "172.16.0.0/12", address: "172.20.0.1", expected: .privateNetwork),
        RegistrySample(block: "192.0.0.0/24", address: "192.0.0.100", expected: .protocolAssignment),
        RegistrySample(block: "192.0.0.0/29", address: "192.0.0.6", expected: .protocolAssignment),
        RegistrySample(block: "192.0.0.8/32", address: "192.0.0.8", expected: .protocolAssignment),
        RegistrySample(block: "192.0.0.9/32", address: "192.0.0.9", expected: .protocolAssignment),
        RegistrySample(block: "192.0.0.10/32", address: "192.0.0.10", expected: .protocolAssignment),
        RegistrySample(block: "192.0.0.170/32", address: "192.0.0.170", expected: .protocolAssignment),
        RegistrySample(block: "192.0.0.171/32", address: "192.0.0.171", expected: .protocolAssignment),
        RegistrySample(block: "192.0.2.0/24", address: "192.0.2.7", expected: .documentation),
        RegistrySample(block: "192.31.196.0/24", address: "192.31.196.1", expected: .specialPurpose),
        RegistrySample(block: "192.52.193.0/24", address: "192.52.193.1", expected: .specialPurpose),
        RegistrySample(block: "192.88.99.0/24", address: "192.88.99.1", expected: .specialPurpose),
        RegistrySample(block: "192.88.99.2/32", address: "192.88.99.2", expected: .specialPurpose),
        RegistrySample(block: "192.168.0.0/16", address: "192.168.1.1", expected: .privateNetwork),
        RegistrySample(block: "192.175.48.0/24", address: "192.175.48.6", expected: .specialPurpose),
        RegistrySample(block: "198.18.0.0/15", address: "198.19.255.254", expected: .benchmarking),
        RegistrySample(block: "198.51.100.0/24", address: "198.51.100.7", expected: .documentation),
        RegistrySample(block: "203.0.113.0/24", address: "203.0.113.99", expected: .documentation),
        RegistrySample(block: "224.0.0.0/4", address: "239.255.255.250", expected: .multicast),
        RegistrySample(block: "240.0.0.0/4", address: "250.1.2.3", expected: .reserved),
        RegistrySample(block: "255.255.255.255/32", address: "255.255.255.255", expected: .broadcast),
        RegistrySample(block: "::1/128", address: "::1", expected: .loopback),
        RegistrySample(block: "::/128", address: "::", expected: .unspecified),
        RegistrySample(block: "::/96", address: "::10.1.2.3", expected: .privateNetwork),
        RegistrySample(block: "::/96", address: "::8.8.8.8", expected: nil),
        RegistrySample(block: "::ffff:0:0/96", address: "::ffff:192.0.2.1", expected: .documentation),
        RegistrySample(block: "::ffff:0:0/96", address: "::ffff:8.8.8.8", expected: nil),
        RegistrySample(block: "64:ff9b::/96", address: "64:ff9b::a9fe:a9fe", expected: .metadata),
        RegistrySample(block: "64:ff9b::/96", address: "64:ff9b::808:808", expected: nil),
        RegistrySample(block: "64:ff9b:1::/48", address: "64:ff9b:1::7f00:1", expected: .loopback),
        RegistrySample(block: "64:ff9b:1::/48", address: "64:ff9b:1::c000:207", expected: .documentation),
        RegistrySample(block: "64:ff9b:1::/48", address: "64:ff9b:1::808:808", expected: nil),
        RegistrySample(block: "100::/64", address: "100::1", expected: .discardOnly),
        RegistrySample(block: "100:0:0:1::/64", address: "100:0:0:1::1", expected: .protocolAssignment),
        RegistrySample(block: "2001::/23", address: "2001:100::1", expected: .protocolAssignment),
        // Teredo: client 10.0.0.1 inverted is f5ff:fffe; client 8.8.8.8 inverted is f7f7:f7f7.
        RegistrySample(block: "2001::/32", address: "2001:0:4136:e378:8000:63bf:f5ff:fffe", expected: .privateNetwork),
        RegistrySample(block: "2001::/32", address: "2001:0:4136:e378:8000:63bf:f7f7:f7f7", expected: nil),
        RegistrySample(block: "2001:1::1/128", address: "2001:1::1", expected: .protocolAssignment),
        RegistrySample(block: "2001:1::2/128", address: "2001:1::2", expected: .protocolAssignment),
        RegistrySample(block: "2001:1::3/128", address: "2001:1::3", expected: .protocolAssignment),
        RegistrySample(block: "2001:2::/48", address: "2001:2::42", expected: .benchmarking),
        RegistrySample(block: "2001:3::/32", address: "2001:3::1", expected: .specialPurpose),
        RegistrySample(block: "2001:4:112::/48", address: "2001:4:112::1", expected: .specialPurpose),
        RegistrySample(block: "2001:10::/28", address: "2001:10::1", expected: .specialPurpose),
        RegistrySample(block: "2001:20::/28", address: "2001:2f::1", expected: .specialPurpose),
        RegistrySample(block: "2001:30::/28", address: "2001:30::1", expected: .specialPurpose),
        RegistrySample(block: "2001:db8::/32", address: "2001:db8:85a3::8a2e:370:7334", expected: .documentation),
        RegistrySample(block: "2002::/16", address: "2002:c0a8:101::1", expected: .privateNetwork),
        RegistrySample(block: "2002::/16", address: "2002:808:808::1", expected: nil),
        RegistrySample(block: "2620:4f:8000::/48", address: "2620:4f:8000::42", expected: .specialPurpose),
        RegistrySample(block: "3fff::/20", address: "3fff:fff::1", expected: .documentation),
        RegistrySample(block: "5f00::/16", address: "5f00:1::1", expected: .specialPurpose),
        RegistrySample(block: "fc00::/7", address: "fd12:3456:789a::1", expected: .uniqueLocal),
        RegistrySample(block: "fe80::/10", address: "fe80::1", expected: .linkLocal),
        RegistrySample(block: "fec0::/10", address: "fec0::1", expected: .siteLocal),
        RegistrySample(block: "ff00::/8", address: "ff02::1", expected: .multicast),
    ]

    @Test("each registry row: the sample falls in its block and is judged as expected", arguments: samples)
    func row(_ sample: RegistrySample) throws {
        let address = try IPNetwork(parsing: sample.address).bytes
        let block = try #require(SpecialPurposeAddresses.block(containing: address))
        #expect(block.network == (try IPNetwork(parsing: sample.block)))
        #expect(AddressGuard.restriction(of: sample.address) == sample.expected)
    }

    @Test("every block of the table has a sample above")
    func everyBlockSampled() throws {
        let sampled = Set(try Self.samples.map { try IPNetwork(parsing: $0.block) })
        let missing = SpecialPurposeAddresses.blocks.map(\.network).filter { !sampled.contains($0) }
        #expect(missing.isEmpty, "blocks without a sample: \(missing)")
    }

    @Test(
        "addresses just outside the blocks are public",
        arguments: [
            "8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255",
            "172.32.0.0", "192.0.1.255", "192.0.3.0", "198.17.255.255", "198.20.0.0", "198.51.99.255", "198.51.101.0",
            "203.0.112.255", "203.0.114.0", "223.255.255.255", "2001:4860:4860::8888", "2a00:1450::1",
            "2001:200::1", "2001:db7:ffff::1", "2001:db9::1", "3fff:1000::1", "2620:4f:8001::1", "fbff::1",
        ])
    func publicNeighbours(address: String) {
        #expect(AddressGuard.restriction(of: address) == nil)
    }

    /// RFC 6052's /64 layout inside 64:ff9b:1::/48 puts the IPv4 address in bits 72-103, so its last
    /// 32 bits (read as the /96 layout) look public: every layout that fits is judged.
    @Test(
        "a local-use NAT64 address is judged by every RFC 6052 layout that fits",
        arguments: [
            ("64:ff9b:1:0:7f:0:100:0", AddressGuard.Restriction?.some(.loopback)),  // /64 layout: 127.0.0.1
            ("64:ff9b:1:0:a:0:100:0", .some(.privateNetwork)),  // /64 layout: 10.0.0.1
            ("64:ff9b:1:0:8:808:800:0", nil),  // /64 layout: 8.8.8.8; /96 layout: 8.0.0.0
        ])
    func localUseLayouts(address: String, expected: AddressGuard.Restriction?) {
        #expect(AddressGuard.restriction(of: address) == expected)
    }
}
