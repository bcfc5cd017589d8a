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
        // Works on bytes in one pass: it runs twice for every email sent.
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var line: [UInt8] = []
        line.reserveCapacity(256)

        func emit(_ line: [UInt8]) {
            var current = 0
            for index in line.indices {
                let byte = line[index]
                let isLast = index == line.count - 1
                let literal =
                    (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                    || ((byte == 0x20 || byte == 0x09) && !isLast)
                let width = literal ? 1 : 3
                // Room must be left for the soft break's "=" unless this token ends the line.
                if current + width > (isLast ? 76 : 75) {
                    output.append(contentsOf: [UInt8(ascii: "="), 0x0D, 0x0A])
                    current = 0
                }
                if literal {
                    output.append(byte)
                } else {
                    output.append(contentsOf: [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
                current += width
            }
        }

        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 0x0A && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                emit(line)
                line.removeAll(keepingCapacity: true)
                output.append(contentsOf: [0x0D, 0x0A])
                continue
            }
            line.append(byte)
        }
        emit(line)
        return String(decoding: output, as: UTF8.self)
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
        return
            "\(weekday), \(two(parts.day)) \(month) \(parts.year ?? 1970) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}
