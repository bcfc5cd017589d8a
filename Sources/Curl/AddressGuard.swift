import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides whether a connected-to address may be reached, so endpoints cannot reach internal networks.
///
/// The decision is made on each address a name resolved to, in curl's open-socket callback, before
/// a socket exists. In order:
///
/// | step | rule |
/// |---|---|
/// | 1 | a metadata address (`neverReachable`) is refused, whatever the allow list says |
/// | 2 | an IPv6 address embedding an IPv4 one (mapped, NAT64, 6to4, Teredo) is judged as that IPv4 address |
/// | 3 | an address outside every special-purpose block (`SpecialPurposeAddresses`) is allowed |
/// | 4 | an address inside a network of `allowed` is allowed |
/// | 5 | anything else is refused, naming the block |
public struct AddressGuard: Sendable, Equatable {
    /// Why an address is not an ordinary public one.
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
        case siteLocal = "site-local"
        case documentation
        case benchmarking
        case protocolAssignment = "IETF protocol assignment"
        case discardOnly = "discard-only"
        case specialPurpose = "special purpose"
        case metadata = "cloud metadata"
        case unparseable
    }

    /// Why one address was refused: the address, the reason and the block that decided.
    public struct Refusal: Sendable, Equatable, CustomStringConvertible {
        /// The address as connected to (4 or 16 bytes); empty when it was not IPv4 or IPv6.
        public let address: [UInt8]
        /// The reason.
        public let restriction: Restriction
        /// The block that decided, when one did.
        public let network: IPNetwork?
        /// The IPv4 address an IPv6 address was judged as, when it embeds one.
        public let embedded: [UInt8]?

        /// `address 64:ff9b::7f00:1 refused by network policy (loopback, 127.0.0.0/8, via embedded 127.0.0.1)`.
        public var description: String {
            let text = address.isEmpty ? "of an unknown family" : AddressGuard.format(address)
            var reason = restriction.rawValue
            if let network { reason += ", \(network)" }
            if let embedded { reason += ", via embedded IPv4 \(AddressGuard.format(embedded))" }
            return "address \(text) refused by network policy (\(reason))"
        }
    }

    /// Cloud metadata addresses: never reachable, whatever the allow list says.
    ///
    /// | network | what lives there |
    /// |---|---|
    /// | 169.254.0.0/16 | link-local; 169.254.169.254 is AWS, GCP, Azure, Oracle and DigitalOcean metadata |
    /// | 100.100.100.200/32 | Alibaba Cloud metadata |
    /// | 168.63.129.16/32 | Azure platform (WireServer) |
    /// | 192.0.0.192/32 | Oracle Cloud Classic metadata |
    /// | fd00:ec2::254/128 | AWS metadata over IPv6 |
    public static let neverReachable: [IPNetwork] = [
        "169.254.0.0/16", "100.100.100.200/32", "168.63.129.16/32", "192.0.0.192/32", "fd00:ec2::254/128",
    ].map { cidr in
        guard let network = try? IPNetwork(parsing: cidr) else { preconditionFailure("bad metadata row \(cidr)") }
        return network
    }

    /// What `network: { allow_private: true }` stands for: loopback, RFC 1918 and unique-local networks.
    public static let privateNetworks: [IPNetwork] = [
        "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7",
    ].map { cidr in
        guard let network = try? IPNetwork(parsing: cidr) else { preconditionFailure("bad private row \(cidr)") }
        return network
    }

    /// Networks that may be reached although they are special-purpose (metadata addresses excepted).
    public var allowed: [IPNetwork]

    /// Makes a guard that lets through public addresses and those inside `allowed`.
    public init(allowing allowed: [IPNetwork] = []) {
        self.allowed = allowed
    }

    /// Makes a guard for the `allow_private` shorthand: `privateNetworks` when true, nothing extra when false.
    public init(allowPrivateAddresses: Bool) {
        self.init(allowing: allowPrivateAddresses ? Self.privateNetworks : [])
    }

    /// The refusal of `address` (a numeric IPv4 or IPv6 text), or nil when it may be reached.
    public func refusal(for address: String) -> Refusal? {
        guard let bytes = IPNetwork.parseAddress(address) else {
            return Refusal(address: [], restriction: .unparseable, network: nil, embedded: nil)
        }
        return refusal(forAddress: bytes)
    }

    /// The refusal of `address` (4 or 16 bytes in network order), or nil when it may be reached.
    public func refusal(forAddress address: [UInt8]) -> Refusal? {
        guard address.count == 4 || address.count == 16 else {
            return Refusal(address: address, restriction: .unparseable, network: nil, embedded: nil)
        }
        if let metadata = Self.neverReachable.first(where: { $0.contains(address) }) {
            return Refusal(address: address, restriction: .metadata, network: metadata, embedded: nil)
        }
        guard let block = SpecialPurposeAddresses.block(containing: address) else { return nil }
        switch block.treatment {
        case .embedsIPv4(let form):
            for candidate in EmbeddedIPv4.candidates(in: address, form: form) {
                if let refusal = refusal(forAddress: candidate) {
                    return Refusal(
                        address: address, restriction: refusal.restriction, network: refusal.network,
                        embedded: candidate)
                }
            }
            return nil
        case .refused(let restriction):
            if allowed.contains(where: { $0.contains(address) }) { return nil }
            return Refusal(address: address, restriction: restriction, network: block.network, embedded: nil)
        }
    }

    /// The restriction on a numeric IPv4 or IPv6 address with nothing allowed, or nil for a public address.
    public static func restriction(of address: String) -> Restriction? {
        AddressGuard().refusal(for: address)?.restriction
    }

    /// Whether `address` (4 or 16 bytes) is on this host: 127.0.0.0/8, ::1 or IPv4-mapped loopback.
    public static func isLoopback(_ address: [UInt8]) -> Bool {
        if address.count == 4 { return address[0] == 127 }
        guard address.count == 16, address[0..<10].allSatisfy({ $0 == 0 }) else { return false }
        if address[10..<15].allSatisfy({ $0 == 0 }) && address[15] == 1 { return true }  // ::1
        return address[10] == 0xff && address[11] == 0xff && address[12] == 127  // ::ffff:127.x.y.z
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
        guard bytes.count == 4 || bytes.count == 16 else { return bytes.map(String.init).joined(separator: ".") }
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let ok = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        guard ok else { return bytes.map(String.init).joined(separator: ".") }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
