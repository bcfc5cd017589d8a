public import Foundation

extension EmailMessageBuilder {
    /// Most UTF-8 bytes in one encoded word: 39 bytes are 52 base64 characters, so a word is 64
    /// characters and a folded header line stays under RFC 2047's 76.
    static let bytesPerEncodedWord = 39

    /// `text` as RFC 2047 `=?UTF-8?B?...?=` words, split only between characters.
    public static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
            chunk = []
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count > bytesPerEncodedWord {
                // A very long grapheme cluster (emoji sequences): split between its scalars instead.
                for scalar in character.unicodeScalars {
                    let scalarBytes = Array(String(scalar).utf8)
                    if chunk.count + scalarBytes.count > bytesPerEncodedWord { flush() }
                    chunk += scalarBytes
                }
                continue
            }
            if chunk.count + bytes.count > bytesPerEncodedWord { flush() }
            chunk += bytes
        }
        flush()
        return words.isEmpty ? ["=?UTF-8?B??="] : words
    }

    /// `text` as quoted-printable UTF-8 (RFC 2045) with CRLF line endings and lines of at most 76 characters.
    public static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var encodedLine = ""
            var current = 0
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal =
                    (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                    || ((byte == 0x20 || byte == 0x09) && !isLast)
                let token =
                    literal
                    ? String(UnicodeScalar(byte))
                    : "=" + String(UnicodeScalar(hex[Int(byte >> 4)])) + String(UnicodeScalar(hex[Int(byte & 0x0f)]))
                // Room must be left for the soft break's "=" unless this token ends the line.
                let limit = isLast ? 76 : 75
                if current + token.count > limit {
                    encodedLine += "=\r\n"
                    current = 0
                }
                encodedLine += token
                current += token.count
            }
            output.append(encodedLine)
        }
        return output.joined(separator: "\r\n")
    }

    /// `date` in RFC 5322 form, in UTC: `Thu, 26 Nov 2026 14:38:00 +0000`.
    public static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = days[((parts.weekday ?? 1) - 1) % 7]
        let month = months[((parts.month ?? 1) - 1) % 12]
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(weekday), \(two(parts.day)) \(month) \(parts.year ?? 1970) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}
