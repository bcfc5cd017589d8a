/// The IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its updates), plus the
/// multicast and deprecated site-local blocks from the address-space registries, as one table.
///
/// Every block is refused unless the network policy lists it, even the few IANA marks globally
/// reachable (anycast service addresses, AS112 DNS sinks, identifiers): a partner's webhook or mail
/// relay never lives there. Blocks that embed an IPv4 address are judged by that address instead.
/// The most specific block containing an address decides (`192.0.0.9/32` inside `192.0.0.0/24`).
///
/// | block | name | reference | IANA globally reachable | Crier |
/// |---|---|---|---|---|
/// | 0.0.0.0/8 | "This network" | RFC 791 | no | refused |
/// | 0.0.0.0/32 | "This host on this network" | RFC 1122 | no | refused |
/// | 10.0.0.0/8 | Private-Use | RFC 1918 | no | refused |
/// | 100.64.0.0/10 | Shared Address Space | RFC 6598 | no | refused |
/// | 127.0.0.0/8 | Loopback | RFC 1122 | no | refused |
/// | 169.254.0.0/16 | Link Local | RFC 3927 | no | never (metadata) |
/// | 172.16.0.0/12 | Private-Use | RFC 1918 | no | refused |
/// | 192.0.0.0/24 | IETF Protocol Assignments | RFC 6890 | no | refused |
/// | 192.0.0.0/29 | IPv4 Service Continuity Prefix | RFC 7335 | no | refused |
/// | 192.0.0.8/32 | IPv4 dummy address | RFC 7600 | no | refused |
/// | 192.0.0.9/32 | Port Control Protocol Anycast | RFC 7723 | yes | refused |
/// | 192.0.0.10/32 | Traversal Using Relays around NAT Anycast | RFC 8155 | yes | refused |
/// | 192.0.0.170/32, 192.0.0.171/32 | NAT64/DNS64 Discovery | RFC 8880 | no | refused |
/// | 192.0.2.0/24 | Documentation (TEST-NET-1) | RFC 5737 | no | refused |
/// | 192.31.196.0/24 | AS112-v4 | RFC 7535 | yes | refused |
/// | 192.52.193.0/24 | AMT | RFC 7450 | yes | refused |
/// | 192.88.99.0/24 | Deprecated (6to4 Relay Anycast) | RFC 7526 | n/a | refused |
/// | 192.88.99.2/32 | 6a44-relay anycast address | RFC 6751 | yes | refused |
/// | 192.168.0.0/16 | Private-Use | RFC 1918 | no | refused |
/// | 192.175.48.0/24 | Direct Delegation AS112 Service | RFC 7534 | yes | refused |
/// | 198.18.0.0/15 | Benchmarking | RFC 2544 | no | refused |
/// | 198.51.100.0/24 | Documentation (TEST-NET-2) | RFC 5737 | no | refused |
/// | 203.0.113.0/24 | Documentation (TEST-NET-3) | RFC 5737 | no | refused |
/// | 224.0.0.0/4 | Multicast (address-space registry) | RFC 5771 | - | refused |
/// | 240.0.0.0/4 | Reserved | RFC 1112 | no | refused |
/// | 255.255.255.255/32 | Limited Broadcast | RFC 919 | no | refused |
/// | ::1/128 | Loopback Address | RFC 4291 | no | refused |
/// | ::/128 | Unspecified Address | RFC 4291 | no | refused |
/// | ::/96 | IPv4-compatible (deprecated; RFC 4291, not in the registry) | RFC 4291 | - | its IPv4 |
/// | ::ffff:0:0/96 | IPv4-mapped Address | RFC 4291 | no | its IPv4 |
/// | 64:ff9b::/96 | IPv4-IPv6 Translat. | RFC 6052 | yes | its IPv4 |
/// | 64:ff9b:1::/48 | IPv4-IPv6 Translat. (local use) | RFC 8215 | no | its IPv4 |
/// | 100::/64 | Discard-Only Address Block | RFC 6666 | no | refused |
/// | 100:0:0:1::/64 | Dummy IPv6 Prefix | RFC 9780 | no | refused |
/// | 2001::/23 | IETF Protocol Assignments | RFC 2928 | no | refused |
/// | 2001::/32 | TEREDO | RFC 4380 | n/a | its client IPv4 (bit-inverted) |
/// | 2001:1::1/128 | Port Control Protocol Anycast | RFC 7723 | yes | refused |
/// | 2001:1::2/128 | Traversal Using Relays around NAT Anycast | RFC 8155 | yes | refused |
/// | 2001:1::3/128 | DNS-SD Service Registration Protocol Anycast | RFC 9665 | yes | refused |
/// | 2001:2::/48 | Benchmarking | RFC 5180 | no | refused |
/// | 2001:3::/32 | AMT | RFC 7450 | yes | refused |
/// | 2001:4:112::/48 | AS112-v6 | RFC 7535 | yes | refused |
/// | 2001:10::/28 | Deprecated (previously ORCHID) | RFC 4843 | no | refused |
/// | 2001:20::/28 | ORCHIDv2 | RFC 7343 | yes | refused |
/// | 2001:30::/28 | Drone Remote ID Protocol Entity Tags (DETs) Prefix | RFC 9374 | yes | refused |
/// | 2001:db8::/32 | Documentation | RFC 3849 | no | refused |
/// | 2002::/16 | 6to4 | RFC 3056 | n/a | its IPv4 |
/// | 2620:4f:8000::/48 | Direct Delegation AS112 Service | RFC 7534 | yes | refused |
/// | 3fff::/20 | Documentation | RFC 9637 | no | refused |
/// | 5f00::/16 | Segment Routing (SRv6) SIDs | RFC 9602 | no | refused |
/// | fc00::/7 | Unique-Local | RFC 4193 | no | refused |
/// | fe80::/10 | Link-Local Unicast | RFC 4291 | no | refused |
/// | fec0::/10 | Site-local (deprecated; address-space registry) | RFC 3879 | - | refused |
/// | ff00::/8 | Multicast (address-space registry) | RFC 4291 | - | refused |
public enum SpecialPurposeAddresses {
    /// How Crier treats the addresses of one block.
    public enum Treatment: Sendable, Equatable {
        /// Refused unless the network policy lists it, for this reason.
        case refused(AddressGuard.Restriction)
        /// Judged by the IPv4 address the IPv6 address embeds, in this form.
        case embedsIPv4(EmbeddedIPv4.Form)
    }

    /// One block of the registry.
    public struct Block: Sendable, Equatable {
        /// The block itself.
        public let network: IPNetwork
        /// The registry's name for it.
        public let name: String
        /// The RFC that defines it.
        public let reference: String
        /// What IANA's "Globally Reachable" column says (nil: not applicable or not in the registry).
        public let globallyReachable: Bool?
        /// How Crier treats it.
        public let treatment: Treatment
    }

    /// Every block, IPv4 first; see the table on this type.
    public static let blocks: [Block] = ipv4 + ipv6

    /// The most specific block containing `address` (4 or 16 bytes), or nil for an ordinary public address.
    public static func block(containing address: [UInt8]) -> Block? {
        blocks.filter { $0.network.contains(address) }.max { $0.network.prefixLength < $1.network.prefixLength }
    }

    private static func block(
        _ cidr: String, _ name: String, _ reference: String, _ reachable: Bool?, _ treatment: Treatment
    ) -> Block {
        guard let network = try? IPNetwork(parsing: cidr) else { preconditionFailure("bad table row \(cidr)") }
        return Block(
            network: network, name: name, reference: reference, globallyReachable: reachable, treatment: treatment)
    }

    private static let ipv4: [Block] = [
        block("0.0.0.0/8", "\"This network\"", "RFC 791", false, .refused(.thisNetwork)),
        block("0.0.0.0/32", "\"This host on this network\"", "RFC 1122", false, .refused(.thisNetwork)),
        block("10.0.0.0/8", "Private-Use", "RFC 1918", false, .refused(.privateNetwork)),
        block("100.64.0.0/10", "Shared Address Space", "RFC 6598", false, .refused(.sharedAddressSpace)),
        block("127.0.0.0/8", "Loopback", "RFC 1122", false, .refused(.loopback)),
        block("169.254.0.0/16", "Link Local", "RFC 3927", false, .refused(.linkLocal)),
        block("172.16.0.0/12", "Private-Use", "RFC 1918", false, .refused(.privateNetwork)),
        block("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890", false, .refused(.protocolAssignment)),
        block("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335", false, .refused(.protocolAssignment)),
        block("192.0.0.8/32", "IPv4 dummy address", "RFC 7600", false, .refused(.protocolAssignment)),
        block("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723", true, .refused(.protocolAssignment)),
        block(
            "192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155", true,
            .refused(.protocolAssignment)),
        block("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880", false, .refused(.protocolAssignment)),
        block("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880", false, .refused(.protocolAssignment)),
        block("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737", false, .refused(.documentation)),
        block("192.31.196.0/24", "AS112-v4", "RFC 7535", true, .refused(.specialPurpose)),
        block("192.52.193.0/24", "AMT", "RFC 7450", true, .refused(.specialPurpose)),
        block("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526", nil, .refused(.specialPurpose)),
        block("192.88.99.2/32", "6a44-relay anycast address", "RFC 6751", true, .refused(.specialPurpose)),
        block("192.168.0.0/16", "Private-Use", "RFC 1918", false, .refused(.privateNetwork)),
        block("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534", true, .refused(.specialPurpose)),
        block("198.18.0.0/15", "Benchmarking", "RFC 2544", false, .refused(.benchmarking)),
        block("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737", false, .refused(.documentation)),
        block("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737", false, .refused(.documentation)),
        block("224.0.0.0/4", "Multicast", "RFC 5771", nil, .refused(.multicast)),
        block("240.0.0.0/4", "Reserved", "RFC 1112", false, .refused(.reserved)),
        block("255.255.255.255/32", "Limited Broadcast", "RFC 919", false, .refused(.broadcast)),
    ]

    private static let ipv6: [Block] = [
        block("::1/128", "Loopback Address", "RFC 4291", false, .refused(.loopback)),
        block("::/128", "Unspecified Address", "RFC 4291", false, .refused(.unspecified)),
        block("::/96", "IPv4-compatible Address (deprecated)", "RFC 4291", nil, .embedsIPv4(.lastFourBytes)),
        block("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291", false, .embedsIPv4(.lastFourBytes)),
        block("64:ff9b::/96", "IPv4-IPv6 Translat.", "RFC 6052", true, .embedsIPv4(.lastFourBytes)),
        block("64:ff9b:1::/48", "IPv4-IPv6 Translat. (local use)", "RFC 8215", false, .embedsIPv4(.localUseNAT64)),
        block("100::/64", "Discard-Only Address Block", "RFC 6666", false, .refused(.discardOnly)),
        block("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780", false, .refused(.protocolAssignment)),
        block("2001::/23", "IETF Protocol Assignments", "RFC 2928", false, .refused(.protocolAssignment)),
        block("2001::/32", "TEREDO", "RFC 4380", nil, .embedsIPv4(.teredoClient)),
        block("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723", true, .refused(.protocolAssignment)),
        block(
            "2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155", true,
            .refused(.protocolAssignment)),
        block(
            "2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665", true,
            .refused(.protocolAssignment)),
        block("2001:2::/48", "Benchmarking", "RFC 5180", false, .refused(.benchmarking)),
        block("2001:3::/32", "AMT", "RFC 7450", true, .refused(.specialPurpose)),
        block("2001:4:112::/48", "AS112-v6", "RFC 7535", true, .refused(.specialPurpose)),
        block("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843", false, .refused(.specialPurpose)),
        block("2001:20::/28", "ORCHIDv2", "RFC 7343", true, .refused(.specialPurpose)),
        block(
            "2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374", true,
            .refused(.specialPurpose)),
        block("2001:db8::/32", "Documentation", "RFC 3849", false, .refused(.documentation)),
        block("2002::/16", "6to4", "RFC 3056", nil, .embedsIPv4(.sixToFour)),
        block("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534", true, .refused(.specialPurpose)),
        block("3fff::/20", "Documentation", "RFC 9637", false, .refused(.documentation)),
        block("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602", false, .refused(.specialPurpose)),
        block("fc00::/7", "Unique-Local", "RFC 4193", false, .refused(.uniqueLocal)),
        block("fe80::/10", "Link-Local Unicast", "RFC 4291", false, .refused(.linkLocal)),
        block("fec0::/10", "Site-local (deprecated)", "RFC 3879", nil, .refused(.siteLocal)),
        block("ff00::/8", "Multicast", "RFC 4291", nil, .refused(.multicast)),
    ]
}
