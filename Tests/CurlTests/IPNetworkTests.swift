import Curl
import Testing

@Suite("IPNetwork parses CIDR ranges")
struct IPNetworkTests {
    @Test(
        "valid ranges read back as written",
        arguments: [
            ("10.20.0.0/16", "10.20.0.0/16"), ("10.20.0.5", "10.20.0.5/32"), ("0.0.0.0/0", "0.0.0.0/0"),
            ("fd12:3456::/32", "fd12:3456::/32"), ("::1", "::1/128"), ("2001:DB8::/32", "2001:db8::/32"),
            ("192.168.1.128/25", "192.168.1.128/25"),
        ])
    func valid(text: String, canonical: String) throws {
        #expect(try IPNetwork(parsing: text).description == canonical)
    }

    @Test(
        "invalid ranges are refused, saying why",
        arguments: [
            ("10.20.0.1/16", "did you mean 10.20.0.0/16"), ("10.20.0.0/33", "prefix length"),
            ("10.20.0.0/", "prefix length"), ("10.20.0.0/+8", "prefix length"), ("fd00::/129", "prefix length"),
            ("10.20/16", "not an IPv4 or IPv6 address"), ("example.org", "not an IPv4 or IPv6 address"),
            ("", "not an IPv4 or IPv6 address"), ("fd00::1/8", "did you mean fd00::/8"),
        ])
    func invalid(text: String, mentions: String) {
        let error = #expect(throws: IPNetwork.ParseError.self) { try IPNetwork(parsing: text) }
        #expect(error?.description.contains(mentions) == true, "\(String(describing: error))")
    }

    @Test(
        "containment and overlap never mix families",
        arguments: [
            ("10.0.0.0/8", "10.20.0.0/16", true), ("10.20.0.0/16", "10.0.0.0/8", true),
            ("10.20.0.0/16", "10.21.0.0/16", false), ("::/0", "0.0.0.0/0", false), ("fc00::/7", "fd00:ec2::254", true),
            ("169.0.0.0/8", "169.254.169.254", true),
        ])
    func overlaps(first: String, second: String, expected: Bool) throws {
        #expect(try IPNetwork(parsing: first).overlaps(try IPNetwork(parsing: second)) == expected)
    }
}
