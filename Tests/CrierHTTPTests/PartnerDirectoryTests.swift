import CrierHTTP
import Testing

@Suite struct PartnerDirectoryTests {
    let token = PartnerToken.generate()

    var directory: PartnerDirectory {
        PartnerDirectory([
            PartnerCredential(
                id: "neighbourhood-link", tokenSHA256: Self.bytes(token.sha256), scopes: [.subscribersWrite])
        ])
    }

    static func bytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    @Test func findsThePartnerByItsBearerToken() {
        #expect(directory.partner(authorization: "Bearer \(token.token)")?.id == "neighbourhood-link")
        #expect(directory.partner(authorization: "bearer  \(token.token)")?.id == "neighbourhood-link")
    }

    @Test func refusesOtherTokensAndSchemes() {
        #expect(directory.partner(authorization: nil) == nil)
        #expect(directory.partner(authorization: "Bearer \(token.token)x") == nil)
        #expect(directory.partner(authorization: "Basic \(token.token)") == nil)
        #expect(directory.partner(authorization: token.token) == nil)
        #expect(directory.partner(authorization: "Bearer \(token.sha256)") == nil)
    }

    @Test func generatedTokensAreLongAndDistinct() {
        let other = PartnerToken.generate()
        #expect(token.token != other.token)
        #expect(token.token.count == "crier_pt_".count + 43)
        #expect(token.sha256.count == 64)
        #expect(PartnerToken(token: "abc").sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func constantTimeEquality() {
        #expect(PartnerDirectory.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!PartnerDirectory.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!PartnerDirectory.constantTimeEqual([1, 2, 3], [1, 2]))
    }
}
