public import Foundation

/// Reads the durations crier.yml and the command line use (`5s`, `30m`, `2h`, `1d`, `1h30m`) as seconds.
///
/// Units are `d` (86 400 s), `h`, `m` and `s`, each at most once and largest first.
public enum DurationText {
    private static let units: [(Character, Double)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

    /// The number of seconds `text` stands for; errors name `field` (e.g. `misfire_grace`) and the text.
    public static func seconds(_ text: String, field: String = "duration") throws(TimeSyntaxError) -> TimeInterval {
        let trimmed = text.trimmingScheduleSpaces
        let expected = "a duration like 5s, 30m, 2h, 1d or 1h30m"
        guard !trimmed.isEmpty else { throw .malformed(field, text, expected: expected) }
        var total: Double = 0
        var digits = ""
        var lastRank = -1
        for character in trimmed {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard let rank = units.firstIndex(where: { $0.0 == Character(character.lowercased()) }) else {
                if character.isLetter { throw .unknownUnit(field, text, unit: String(character)) }
                throw .malformed(field, text, expected: expected)
            }
            guard !digits.isEmpty else { throw .malformed(field, text, expected: expected) }
            guard rank > lastRank else {
                throw .order(field, text, "units must appear once each, largest first (e.g. 1h30m)")
            }
            guard digits.count <= 9, let number = Int(digits) else { throw .tooLarge(field, text) }
            total += Double(number) * units[rank].1
            lastRank = rank
            digits = ""
        }
        guard digits.isEmpty else {
            throw .malformed(field, text, expected: expected + " (a unit is required)")
        }
        return total
    }
}
