/// JSON string escaping, the one Crier uses everywhere (webhook bodies, `--format json` output),
/// safe even inside an HTML `<script>` element.
public enum JSONText {
    /// The contents of a JSON string literal for `text`, without the surrounding quotes.
    ///
    /// | character | written as |
    /// |---|---|
    /// | `"` `\` | `\"` `\\` |
    /// | line feed, carriage return, tab | `\n` `\r` `\t` |
    /// | other C0 controls, DEL | `\u00XX` |
    /// | `<` `>` `&` | `\u003c` `\u003e` `\u0026` |
    /// | U+2028, U+2029 | `\u2028` `\u2029` |
    /// | anything else | itself |
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsLook) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Whether a UTF-8 byte may start something `escape` rewrites (0xE2 leads U+2028 and U+2029).
    private static func needsLook(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, 0x7F, 0xE2, UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"),
            UInt8(ascii: "&"):
            true
        default: false
        }
    }
}
