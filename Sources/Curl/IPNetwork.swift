#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 network in CIDR notation (`10.20.0.0/16`, `fd12:3456::/32`; a bare address is a /32 or /128).
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// Why a CIDR text was not accepted.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, in words a user can act on.
        public let description: String
    }

    /// The network address in network byte order: 4 bytes for IPv4, 16 for IPv6 (host bits are zero).
    public let bytes: [UInt8]
    /// How many leading bits are fixed.
    public let prefixLength: Int

    /// Makes a network from raw bytes (4 or 16) and a prefix length; host bits are cleared.
    public init(bytes: [UInt8], prefixLength: Int) {
        precondition(bytes.count == 4 || bytes.count == 16, "an IP address has 4 or 16 bytes")
        let length = min(max(prefixLength, 0), bytes.count * 8)
        self.bytes = Self.masked(bytes, to: length)
        self.prefixLength = length
    }

    /// Parses `text` as CIDR; host bits set past the prefix are an error, so a typo does not widen or move a range.
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let addressText = String(parts[0])
        guard let address = Self.parseAddress(addressText) else {
            throw ParseError(description: "\"\(text)\" is not an IPv4 or IPv6 address or CIDR range")
        }
        var length = address.count * 8
        if parts.count == 2 {
            guard let value = Int(parts[1]), (0...address.count * 8).contains(value), parts[1].allSatisfy(\.isNumber)
            else {
                throw ParseError(
                    description: "\"\(text)\" has a prefix length that is not a number from 0 to \(address.count * 8)")
            }
            length = value
        }
        let network = IPNetwork(bytes: address, prefixLength: length)
        guard network.bytes == address else {
            throw ParseError(
                description: "\"\(text)\" has bits set past its /\(length) prefix (did you mean \(network)?)")
        }
        self = network
    }

    /// Whether `address` (4 or 16 bytes in network order) lies in this network; families never mix.
    public func contains(_ address: [UInt8]) -> Bool {
        address.count == bytes.count && Self.masked(address, to: prefixLength) == bytes
    }

    /// Whether this network and `other` share at least one address.
    public func overlaps(_ other: IPNetwork) -> Bool {
        guard other.bytes.count == bytes.count else { return false }
        return prefixLength <= other.prefixLength ? contains(other.bytes) : other.contains(bytes)
    }

    /// The CIDR text, e.g. `10.20.0.0/16`.
    public var description: String { "\(AddressGuard.format(bytes))/\(prefixLength)" }

    /// Parses a numeric IPv4 (dotted quad only) or IPv6 address into its bytes.
    static func parseAddress(_ text: String) -> [UInt8]? {
        AddressGuard.parseIPv4(text) ?? AddressGuard.parseIPv6(text)
    }

    private static func masked(_ address: [UInt8], to length: Int) -> [UInt8] {
        address.enumerated().map { index, byte in
            let bitsHere = min(max(length - index * 8, 0), 8)
            return bitsHere == 8 ? byte : byte & ~(UInt8(0xff) >> bitsHere)
        }
    }
}
