/// Unguessable, URL-safe identifiers: idempotency keys and unsubscribe tokens.
///
/// Characters are base62 (`0-9A-Za-z`), drawn without bias from the system's secure generator
/// six bits at a time, so 24 characters carry about 143 bits.
public enum RandomToken {
    private static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// `prefix` followed by `length` random base62 characters.
    public static func make(prefix: String = "", length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [UInt8] = []
        characters.reserveCapacity(prefix.utf8.count + length)
        characters.append(contentsOf: prefix.utf8)
        var remaining = length
        while remaining > 0 {
            var bits = generator.next()
            for _ in 0..<10 where remaining > 0 {
                let index = Int(bits & 0x3F)
                bits >>= 6
                // 62 and 63 are rejected so every character is equally likely.
                if index < 62 {
                    characters.append(alphabet[index])
                    remaining -= 1
                }
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// A delivery's idempotency key: `msg_` and 24 characters, the Standard Webhooks id shape.
    public static func idempotencyKey() -> String { make(prefix: "msg_", length: 24) }

    /// A subscriber's unsubscribe token: 43 characters (about 256 bits).
    public static func unsubscribeToken() -> String { make(length: 43) }
}
