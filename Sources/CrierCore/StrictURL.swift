public import Foundation

/// Parses a URL the way it will be used in a request or a header: no leniency, no silent repairs.
///
/// Foundation's `URL(string:)` percent-encodes a space or a stray character instead of refusing it;
/// this refuses every character `InputText` refuses, anything outside printable ASCII, spaces and
/// the characters RFC 3986 never allows (`<>"{}|\^` and backquote), a `%` not followed by two hex
/// digits, and a URL without one of the `schemes` or a host.
public enum StrictURL {
    /// Why a URL text was refused.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong with it.
        public let reason: String

        public var description: String { reason }
    }

    /// The URL `text` names, or a problem saying why it cannot be used; `schemes` are lower case.
    public static func parse(_ text: String, schemes: Set<String>) throws(Problem) -> URL {
        if let problem = InputText.problem(in: text) { throw Problem(reason: problem.description) }
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte >= 0x80 { throw Problem(reason: "contains a non-ASCII character (percent-encode it)") }
            if byte == 0x20 { throw Problem(reason: "contains a space (percent-encode it as %20)") }
            if forbidden.contains(byte) {
                throw Problem(reason: "contains \"\(Character(Unicode.Scalar(byte)))\", which a URL may not hold")
            }
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else {
                    throw Problem(reason: "has a % not followed by two hex digits")
                }
            }
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), schemes.contains(scheme),
            let host = url.host, !host.isEmpty, URLComponents(string: text) != nil
        else {
            let names = schemes.sorted().map { "\($0)://" }.joined(separator: " or ")
            throw Problem(reason: "is not a \(names) URL with a host")
        }
        return url
    }

    private static let forbidden = Set("<>\"{}|\\^`".utf8)

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
