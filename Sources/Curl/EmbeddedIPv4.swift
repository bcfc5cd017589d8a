/// Reads the IPv4 address an IPv6 address carries, so the address guard can judge it as that IPv4 address.
///
/// | form | block | where the IPv4 address is |
/// |---|---|---|
/// | `lastFourBytes` | `::ffff:0:0/96`, `::/96`, `64:ff9b::/96` | the last 32 bits |
/// | `localUseNAT64` | `64:ff9b:1::/48` | RFC 6052 §2.2 for prefix lengths 48, 56, 64 and 96 (see below) |
/// | `sixToFour` | `2002::/16` | bits 16 to 47 |
/// | `teredoClient` | `2001::/32` | the last 32 bits, every bit inverted (RFC 4380 §4) |
///
/// A local-use NAT64 prefix may be any of RFC 6052's lengths inside the /48, so every layout that
/// fits (bits 64 to 71 zero, suffix zero) is a candidate, and the address is refused if any candidate is.
public enum EmbeddedIPv4 {
    /// Where an IPv6 block keeps its IPv4 address.
    public enum Form: Sendable, Equatable {
        /// The last 32 bits.
        case lastFourBytes
        /// RFC 6052 layouts inside the local-use translation prefix.
        case localUseNAT64
        /// 6to4: the 32 bits after the `2002` prefix.
        case sixToFour
        /// Teredo: the client's address, bit-inverted, in the last 32 bits.
        case teredoClient
    }

    /// The IPv4 addresses (4 bytes each) that `address` (16 bytes) may stand for in `form`.
    public static func candidates(in address: [UInt8], form: Form) -> [[UInt8]] {
        guard address.count == 16 else { return [] }
        switch form {
        case .lastFourBytes:
            return [Array(address[12..<16])]
        case .sixToFour:
            return [Array(address[2..<6])]
        case .teredoClient:
            return [address[12..<16].map { ~$0 }]
        case .localUseNAT64:
            // (IPv4 byte positions, suffix start) for prefix lengths 96, 64, 56, 48; bits 64-71 ("u") are zero.
            let layouts: [(positions: [Int], suffixFrom: Int, usesU: Bool)] = [
                ([12, 13, 14, 15], 16, false), ([9, 10, 11, 12], 13, true), ([7, 9, 10, 11], 12, true),
                ([6, 7, 9, 10], 11, true),
            ]
            return layouts.compactMap { layout in
                if layout.usesU && address[8] != 0 { return nil }
                guard address[layout.suffixFrom...].allSatisfy({ $0 == 0 }) else { return nil }
                return layout.positions.map { address[$0] }
            }
        }
    }
}
