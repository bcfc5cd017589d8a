import CrierStore
import Testing

@Suite struct RandomTokenTests {
    static let alphabet = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    @Test func tokensHaveTheirLengthAndOnlyBase62Characters() {
        var generator = RandomTokenGenerator(bufferSize: 64)
        // Small buffers refill many times over; the prefix is kept as given.
        for _ in 0..<500 {
            let token = generator.unsubscribeToken()
            #expect(token.count == RandomTokenGenerator.unsubscribeTokenLength)
            #expect(token.allSatisfy(Self.alphabet.contains))
        }
        let id = RandomToken.make(prefix: "msg_", length: 20)
        #expect(id.hasPrefix("msg_") && id.count == 24 && id.dropFirst(4).allSatisfy(Self.alphabet.contains))
    }

    @Test func tokensDoNotRepeatAcrossBufferRefills() {
        var generator = RandomTokenGenerator()
        let tokens = (0..<20_000).map { _ in generator.unsubscribeToken() }
        #expect(Set(tokens).count == tokens.count)
    }

    @Test func everyCharacterIsAboutEquallyLikely() {
        var generator = RandomTokenGenerator()
        var counts: [Character: Int] = [:]
        let draws = 62 * 4_000
        for character in generator.make(length: draws) { counts[character, default: 0] += 1 }
        #expect(counts.count == 62)
        // Chi-square with 61 degrees of freedom: above 120 happens by chance about once in 100,000 runs.
        let expected = Double(draws) / 62
        let chiSquare = counts.values.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquare < 120, "chi-square \(chiSquare)")
    }
}
