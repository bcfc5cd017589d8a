import CrierCore

/// CAP `areaDesc` text: the area's display name, kept under 50 characters so every receiver shows it whole.
public enum CAPAreaDescription {
    /// The longest description allowed, in Unicode scalars (so under 50 by any count).
    public static let maximumLength = 49

    /// `name` on one line with runs of whitespace collapsed; when too long, cut at a word boundary
    /// (or mid-word if one word is longer) and ended with `…`.
    public static func text(for name: String) -> String {
        let words = XMLText.stripForbidden(name).split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let line = words.joined(separator: " ")
        guard line.unicodeScalars.count > maximumLength else { return line }
        var kept = ""
        for word in words {
            let candidate = kept.isEmpty ? String(word) : kept + " " + word
            guard candidate.unicodeScalars.count < maximumLength else { break }
            kept = candidate
        }
        if kept.isEmpty {
            for character in line {
                guard (kept + String(character)).unicodeScalars.count < maximumLength else { break }
                kept.append(character)
            }
        }
        return kept + "…"
    }
}
