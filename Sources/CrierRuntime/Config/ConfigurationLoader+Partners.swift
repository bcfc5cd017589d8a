import CrierHTTP
import CrierYAML

extension ConfigurationLoader {
    /// `partners:`: each partner's id, the SHA-256 of its bearer token (hex, never the token), its
    /// scopes and whether it confirms the residents it creates itself.
    static func readPartners(_ root: inout YAMLMapping) throws -> [PartnerCredential] {
        guard let list = try root.mappings("partners") else { return [] }
        var partners: [PartnerCredential] = []
        for var item in list {
            let id = try item.requiredString("id")
            guard isIdentifier(id) else {
                throw item.error("id", "\"\(id)\" is not an id (letters, digits, '-' and '_')")
            }
            guard !partners.contains(where: { $0.id == id }) else {
                throw item.error("id", "partner \"\(id)\" is listed twice")
            }
            let hex = try item.requiredString("token_sha256").lowercased()
            guard let digest = Self.sha256Bytes(hex) else {
                throw item.error(
                    "token_sha256",
                    "expected the 64 hexadecimal digits of the token's SHA-256 (`crier partners token` makes a pair)")
            }
            guard !partners.contains(where: { $0.tokenSHA256 == digest }) else {
                throw item.error("token_sha256", "partner \"\(id)\" has the same token as another partner")
            }
            guard let names = try item.strings("scopes"), !names.isEmpty else {
                throw item.error("scopes", "list at least one scope")
            }
            var scopes: Set<PartnerScope> = []
            for name in names {
                guard let scope = PartnerScope(rawValue: name) else {
                    let known = PartnerScope.allCases.map(\.rawValue).joined(separator: ", ")
                    throw item.error("scopes", "unknown scope \"\(name)\" (known: \(known))")
                }
                scopes.insert(scope)
            }
            let confirms = try item.bool("confirms_subscribers") ?? false
            try item.finish(known: ["id", "token_sha256", "scopes", "confirms_subscribers"])
            partners.append(
                PartnerCredential(id: id, tokenSHA256: digest, scopes: scopes, confirmsSubscribers: confirms))
        }
        return partners
    }

    private static func sha256Bytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
