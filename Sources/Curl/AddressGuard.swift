import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides whether a resolved address may be connected to, so endpoints cannot reach internal networks.
///
/// | range | category |
/// |---|---|
/// | 127.0.0.0/8, ::1 | loopback |
/// | 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 | private |
/// | 169.254.0.0/16, fe80::/10 | link-local (cloud metadata lives here) |
/// | 100.64.0.0/10 | shared (carrier-grade NAT) |
/// | 0.0.0.0/8, :: | this network / unspecified |
/// | 224.0.0.0/4, ff00::/8 | multicast |
/// | 240.0.0.0/4 | reserved |
/// | 255.255.255.255 | broadcast |
/// | fc00::/7 | unique local |
/// | ::ffff:0:0/96, 64:ff9b::/96, 2002::/16 | judged by the IPv4 address they embed |
public struct AddressGuard: Sendable, Equatable {
    /// Why an address is not a public one.
    public enum Restriction: String, Sendable, Equatable, CaseIterable {
        case loopback
        case privateNetwork = "private"
        case linkLocal = "link-local"
        case sharedAddressSpace = "shared address space"
        case thisNetwork = "this network"
        case unspecified
        case multicast
        case broadcast
        case reserved
        case uniqueLocal = "unique local"
        case unparseable
    }

    /// When true every address is allowed (loopback test servers, relays on the local network).
    public var allowPrivateAddresses: Bool

    /// Makes a guard for the given network policy.
    public init(allowPrivateAddresses: Bool) {
        self.allowPrivateAddresses = allowPrivateAddresses
    }

    /// The reason `address` (a numeric IPv4 or IPv6 text) would be refused, or nil when it is allowed.
    public func refusal(for address: String) -> Restriction? {
        allowPrivateAddresses ? nil : Self.restriction(of: address)
    }

    /// The restriction on a numeric IPv4 or IPv6 address, or nil for an ordinary public address.
    public static func restriction(of address: String) -> Restriction? {
        if let v4 = parseIPv4(address) { return restriction(ipv4: v4) }
        if let v6 = parseIPv6(address) { return restriction(ipv6: v6) }
        return .unparseable
    }

    /// The restriction on a 4-byte IPv4 address in network order, or nil when public.
    public static func restriction(ipv4 b: [UInt8]) -> Restriction? {
        guard b.count == 4 else { return .unparseable }
        switch (b[0], b[1]) {
        case (0, _): return .thisNetwork
        case (10, _): return .privateNetwork
        case (127, _): return .loopback
        case (169, 254): return .linkLocal
        case (172, 16...31): return .privateNetwork
        case (192, 168): return .privateNetwork
        case (100, 64...127): return .sharedAddressSpace
        default: break
        }
        if b == [255, 255, 255, 255] { return .broadcast }
        if (224...239).contains(b[0]) { return .multicast }
        if b[0] >= 240 { return .reserved }
        return nil
    }

    /// The restriction on a 16-byte IPv6 address in network order, or nil when public.
    public static func restriction(ipv6 b: [UInt8]) -> Restriction? {
        guard b.count == 16 else { return .unparseable }
        if b.allSatisfy({ $0 == 0 }) { return .unspecified }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }
        // IPv4-mapped ::ffff:a.b.c.d and the deprecated IPv4-compatible ::a.b.c.d.
        if b[0..<10].allSatisfy({ $0 == 0 }) && ((b[10] == 0xff && b[11] == 0xff) || (b[10] == 0 && b[11] == 0)) {
            return restriction(ipv4: Array(b[12..<16]))
        }
        // NAT64 well-known prefix 64:ff9b::/96.
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..<12].allSatisfy({ $0 == 0 }) {
            return restriction(ipv4: Array(b[12..<16]))
        }
        // 6to4 2002:aabb:ccdd::/48 embeds aa.bb.cc.dd.
        if b[0] == 0x20 && b[1] == 0x02 {
            return restriction(ipv4: Array(b[2..<6]))
        }
        if b[0] & 0xfe == 0xfc { return .uniqueLocal }
        if b[0] == 0xfe && b[1] & 0xc0 == 0x80 { return .linkLocal }
        if b[0] == 0xfe && b[1] & 0xc0 == 0xc0 { return .linkLocal }  // deprecated site-local fec0::/10
        if b[0] == 0xff { return .multicast }
        return nil
    }

    static func parseIPv4(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    /// Formats raw address bytes (4 or 16) as text, for messages.
    static func format(_ bytes: [UInt8]) -> String {
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let ok = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        guard ok else { return bytes.map(String.init).joined(separator: ".") }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
