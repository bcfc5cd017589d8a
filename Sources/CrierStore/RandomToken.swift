#if canImport(Darwin)
    internal import Darwin
#elseif canImport(Glibc)
    internal import Glibc
#endif

/// Unguessable, URL-safe identifiers, one at a time (message ids); `RandomTokenGenerator` makes many.
///
/// Characters are base62 (`0-9A-Za-z`), drawn without bias from the system's secure generator
/// six bits at a time, so 43 characters carry about 256 bits.
public enum RandomToken {
    /// `prefix` followed by `length` random base62 characters.
    public static func make(prefix: String = "", length: Int) -> String {
        var generator = RandomTokenGenerator(bufferSize: length + length / 2 + 16)
        return generator.make(prefix: prefix, length: length)
    }
}

/// Makes many tokens in a row from one buffer of secure random bytes, refilled a few kilobytes at
/// a time, so importing a hundred thousand residents costs a few dozen system calls instead of
/// one per eight bytes.
///
/// The bytes come from `getentropy`, the operating system's secure generator (glibc 2.25 and
/// later, musl, macOS), at most 256 bytes a call. A generator is a value: each user owns its
/// buffer, and nothing is shared between threads.
public struct RandomTokenGenerator {
    /// The length of an unsubscribe token.
    public static let unsubscribeTokenLength = 43

    private static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    private var buffer: [UInt8]
    private var position: Int

    /// A generator drawing `bufferSize` bytes from the system at a time.
    public init(bufferSize: Int = 4096) {
        buffer = [UInt8](repeating: 0, count: max(bufferSize, 16))
        position = buffer.count
    }

    /// `prefix` followed by `length` random base62 characters.
    public mutating func make(prefix: String = "", length: Int) -> String {
        var characters: [UInt8] = []
        characters.reserveCapacity(prefix.utf8.count + length)
        characters.append(contentsOf: prefix.utf8)
        while characters.count < prefix.utf8.count + length {
            let index = Int(nextByte() & 0x3F)
            // 62 and 63 are rejected so every character is equally likely.
            if index < 62 { characters.append(Self.alphabet[index]) }
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// A subscriber's unsubscribe token: 43 characters (about 256 bits).
    public mutating func unsubscribeToken() -> String { make(length: Self.unsubscribeTokenLength) }

    private mutating func nextByte() -> UInt8 {
        if position == buffer.count {
            buffer.withUnsafeMutableBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let count = min(256, bytes.count - offset)
                    // getentropy fails only for more than 256 bytes or a bad address, neither possible here.
                    guard let base = bytes.baseAddress, getentropy(base + offset, count) == 0 else {
                        preconditionFailure("the system's secure random generator failed")
                    }
                    offset += count
                }
            }
            position = 0
        }
        defer { position += 1 }
        return buffer[position]
    }
}
