/// Escaping for XML 1.0 and HTML text and attribute values (CAP, Atom, the published pages, the
/// values filled into HTML email), so any value is safe whatever it contains.
public enum XMLText {
    /// `text` with `& < > " '` escaped and every character XML 1.0 forbids (most C0 controls,
    /// U+FFFE, U+FFFF) removed; carriage returns become `&#13;` so parsers keep them.
    ///
    /// | character | written as |
    /// |---|---|
    /// | `&` `<` `>` `"` | `&amp;` `&lt;` `&gt;` `&quot;` |
    /// | `'` | `&#39;` (HTML 4 mail readers lack `&apos;`; every XML and HTML reader knows this) |
    /// | carriage return | `&#13;` |
    /// | line feed, tab | themselves; `&#10;` `&#9;` in attributes |
    /// | controls XML 1.0 forbids, U+FFFE, U+FFFF | removed |
    /// | anything else | itself |
    ///
    /// In attributes (`attribute: true`) tabs and line feeds are written as character references
    /// too, because parsers would otherwise normalise them to spaces.
    public static func escape(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": out += "&#13;"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\t": out += attribute ? "&#9;" : "\t"
            default:
                if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// `text` without the characters XML 1.0 cannot carry, and nothing else changed.
    public static func stripForbidden(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar == "\t" || scalar == "\n" || scalar == "\r" || isAllowed(scalar)
        {
            out.append(scalar)
        }
        return String(out)
    }

    /// XML 1.0 `Char` production, less tab, LF and CR which callers handle themselves.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
