/// The one rule for characters that may not appear in a value bound for an email header, an address
/// or a URL, and how such characters are shown on a terminal.
///
/// Configuration loading, the residents import, composition and the email builder all ask this type,
/// so a value is refused where it enters rather than when it is sent.
///
/// | refused | scalars |
/// |---|---|
/// | line breaks | CR, LF, VT, FF, NEL (U+0085), U+2028, U+2029 |
/// | controls | the rest of C0 (U+0000–001F, tab included), DEL (U+007F), C1 (U+0080–009F) |
/// | bidirectional overrides | U+202A–202E, U+2066–2069 |
public enum InputText {
    /// Why a value was refused: the first offending character.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// What kind of character it is.
        public enum Kind: Sendable, Equatable {
            case lineBreak
            case control
            case bidirectionalOverride
        }

        /// The kind of character.
        public let kind: Kind
        /// The character itself.
        public let scalar: Unicode.Scalar

        /// True for CR, LF and the other line separators.
        public var isLineBreak: Bool { kind == .lineBreak }

        public var description: String {
            let code = InputText.codePoint(scalar)
            switch kind {
            case .lineBreak: return "contains a line break (\(code))"
            case .control: return "contains a control character (\(code))"
            case .bidirectionalOverride: return "contains a bidirectional override (\(code))"
            }
        }
    }

    /// The first refused character of `text`, or nil when it has none.
    public static func problem(in text: String) -> Problem? {
        // Almost every value is printable ASCII: check the bytes before looking at scalars.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        for scalar in text.unicodeScalars {
            if let kind = kind(of: scalar) { return Problem(kind: kind, scalar: scalar) }
        }
        return nil
    }

    /// What is wrong with `scalar`, or nil when it may appear in a header, address or URL.
    public static func kind(of scalar: Unicode.Scalar) -> Problem.Kind? {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: .lineBreak
        case 0x00...0x1F, 0x7F...0x9F: .control
        case 0x202A...0x202E, 0x2066...0x2069: .bidirectionalOverride
        default: nil
        }
    }

    /// `text` with every refused character written as an escape (`\r`, `\n`, `\t`, `\u{1B}`), so a
    /// value that came from input can neither forge output lines nor drive the terminal.
    public static func terminalSafe(_ text: String) -> String {
        guard problem(in: text) != nil else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard kind(of: scalar) != nil else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\r": result += "\\r"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return result
    }

    /// `U+001B` style.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
