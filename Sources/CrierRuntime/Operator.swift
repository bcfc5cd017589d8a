import CrierCore
import Foundation

/// Who is at the keyboard: `--operator`, else `$CRIER_OPERATOR`, else the login user.
///
/// The name is trimmed, NFKC-normalised and case-folded, so `Alice`, `alice ` and a full-width
/// `ａｌｉｃｅ` are one person; an empty name, an invisible or format character (a zero-width
/// space, say) and a name mixing scripts (a Cyrillic `а` among Latin letters) are refused. The
/// two-person rule binds only as far as these identities do: Crier records them (and the audit
/// log the operating-system account beside them), it does not authenticate them.
public enum Operator {
    /// The operator's normalised name for the audit log; throws `OperatorError` naming where the
    /// unusable name came from.
    public static func current(_ explicit: String?) throws -> String {
        try current(explicit, environment: ProcessInfo.processInfo.environment)
    }

    /// As `current(_:)`, reading `environment` instead of this process's.
    static func current(_ explicit: String?, environment: [String: String]) throws -> String {
        if let explicit { return try normalise(explicit, source: "--operator") }
        if let name = environment["CRIER_OPERATOR"] { return try normalise(name, source: "CRIER_OPERATOR") }
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty {
            return try normalise(user, source: "USER")
        }
        return try normalise(NSUserName(), source: "the login name")
    }

    /// `name` trimmed, NFKC-normalised and case-folded, or an error naming `source`.
    public static func normalise(_ name: String, source: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw OperatorError.empty(source: source) }
        for scalar in trimmed.unicodeScalars {
            let category = scalar.properties.generalCategory
            let invisible =
                [.format, .control, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate]
                .contains(category) || scalar.properties.isDefaultIgnorableCodePoint
                || (scalar.properties.isWhitespace && scalar != " ")
            if invisible {
                throw OperatorError.invisibleCharacter(source: source, codePoint: codePoint(scalar))
            }
        }
        let folded = trimmed.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
        let scripts = Set(folded.unicodeScalars.compactMap(script))
        guard scripts.count <= 1 else {
            throw OperatorError.mixedScripts(
                source: source, name: InputText.terminalSafe(trimmed), scripts: scripts.sorted())
        }
        return folded
    }

    /// The writing system of a letter, by block; nil for digits, punctuation and spaces, which go with any.
    static func script(_ scalar: Unicode.Scalar) -> String? {
        guard scalar.properties.isAlphabetic else { return nil }
        switch scalar.value {
        case 0x0041...0x024F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xFF21...0xFF5A: return "Latin"
        case 0x0370...0x03FF, 0x1F00...0x1FFF: return "Greek"
        case 0x0400...0x052F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return "Cyrillic"
        case 0x0530...0x058F: return "Armenian"
        case 0x0590...0x05FF: return "Hebrew"
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF: return "Arabic"
        case 0x0900...0x097F: return "Devanagari"
        case 0x0980...0x09FF: return "Bengali"
        case 0x0A00...0x0A7F: return "Gurmukhi"
        case 0x0A80...0x0AFF: return "Gujarati"
        case 0x0B80...0x0BFF: return "Tamil"
        case 0x0E00...0x0E7F: return "Thai"
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF: return "Han/Kana"
        case 0xAC00...0xD7AF, 0x1100...0x11FF: return "Hangul"
        default: return "U+\(String((scalar.value >> 7) << 7, radix: 16, uppercase: true)) block"
        }
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
