/// Reads RFC 4180 CSV: comma-separated, optional double quotes (with `""` for a quote), CRLF or LF.
///
/// It works on the UTF-8 bytes: commas, quotes and line ends are ASCII and never occur inside a
/// multi-byte character, so other characters pass through untouched. Records are handed over one
/// at a time, each with the 1-based line it starts on so errors can name it; a byte order mark
/// (as spreadsheet programs write) is skipped, and blank lines are too.
struct CSVReader {
    struct Record {
        let line: Int
        let fields: [String]
    }

    struct Failure: Error {
        let line: Int
        let message: String
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Calls `body` with each record of `text`, in order.
    static func forEachRecord(in text: String, _ body: (Record) -> Void) throws(Failure) {
        var text = text
        let failure: Failure? = text.withUTF8 { bytes in
            do throws(Failure) {
                try forEachRecord(in: bytes, body)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    private static func forEachRecord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Record) -> Void) throws(Failure) {
        var index = bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0
        var line = 1
        var fields: [String] = []
        while index < bytes.count {
            let recordLine = line
            var firstFieldQuoted = false
            fields.removeAll(keepingCapacity: true)
            record: while true {
                if index < bytes.count, bytes[index] == quote {
                    if fields.isEmpty { firstFieldQuoted = true }
                    fields.append(try quotedField(bytes, at: &index, line: &line, recordLine: recordLine))
                } else {
                    fields.append(try plainField(bytes, at: &index, line: line))
                }
                guard index < bytes.count else { break record }
                switch bytes[index] {
                case comma:
                    index += 1
                case carriageReturn:
                    index += 1
                    if index < bytes.count, bytes[index] == lineFeed { index += 1 }
                    line += 1
                    break record
                default:  // a line feed
                    index += 1
                    line += 1
                    break record
                }
            }
            if !(fields.count == 1 && fields[0].isEmpty && !firstFieldQuoted) {
                body(Record(line: recordLine, fields: fields))
            }
        }
    }

    /// An unquoted field: everything up to the next comma or line end.
    private static func plainField(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, line: Int) throws(Failure)
        -> String
    {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == comma || byte == lineFeed || byte == carriageReturn { break }
            if byte == quote { throw Failure(line: line, message: "a quote in the middle of an unquoted field") }
            index += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// A quoted field starting at the opening quote; it may hold commas, line breaks and `""`.
    private static func quotedField(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, line: inout Int, recordLine: Int
    ) throws(Failure) -> String {
        index += 1
        var value: [UInt8] = []
        var segmentStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<index]))
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    value.append(quote)
                    index += 2
                    segmentStart = index
                    continue
                }
                index += 1
                if index < bytes.count, bytes[index] != comma, bytes[index] != lineFeed, bytes[index] != carriageReturn
                {
                    throw Failure(line: line, message: "text after the closing quote of a field")
                }
                return String(decoding: value, as: UTF8.self)
            }
            if byte == lineFeed { line += 1 }
            index += 1
        }
        throw Failure(line: recordLine, message: "a quoted field is never closed")
    }
}
