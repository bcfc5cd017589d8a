import Foundation

/// Reads RFC 4180 CSV: comma-separated, optional double quotes (with `""` for a quote), CRLF or LF.
///
/// It works on UTF-8 bytes fed in chunks of any size (a file is read 64 KiB at a time, never whole):
/// commas, quotes and line ends are ASCII and never occur inside a multi-byte character. Records
/// are handed over one at a time, each with the 1-based line it starts on so errors can name it;
/// a byte order mark (as spreadsheet programs write) is skipped, and blank lines are too.
///
/// Memory is bounded whatever the file holds: a field keeps at most `maxFieldBytes` bytes (its
/// full length is still counted, so the caller can refuse it), and a record at most `maxFields` fields.
struct CSVReader {
    struct Field {
        /// The field's text; only its first `maxFieldBytes` bytes when `byteCount` is larger.
        let text: String
        /// The field's full length in bytes.
        let byteCount: Int
    }

    struct Record {
        let line: Int
        /// At most `maxFields`; `fieldCount` says how many the line had.
        let fields: [Field]
        let fieldCount: Int
    }

    struct Failure: Error {
        let line: Int
        let message: String
        /// True when the bytes are not UTF-8 (rather than the CSV being malformed).
        var isEncoding = false
    }

    private enum State {
        case fieldStart
        case plain
        case quoted
        /// A quote inside a quoted field: the end of it, or the first of `""`.
        case quoteInQuoted
        /// A CR ended the record; a LF right after belongs to it.
        case afterCarriageReturn
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    let maxFieldBytes: Int
    let maxFields: Int
    private var state = State.fieldStart
    private var line = 1
    private var recordLine = 1
    private var fieldBytes: [UInt8] = []
    private var fieldLength = 0
    private var fieldQuoted = false
    private var firstFieldQuoted = false
    private var fields: [Field] = []
    private var fieldCount = 0
    /// Bytes of a leading byte order mark seen so far; `bomDone` once the file's start is past.
    private var bomMatched = 0
    private var bomDone = false

    init(maxFieldBytes: Int = 4_096, maxFields: Int = 64) {
        self.maxFieldBytes = maxFieldBytes
        self.maxFields = maxFields
    }

    /// Calls `body` with each record of `text`, in order.
    static func forEachRecord(in text: String, _ body: (Record) throws -> Void) throws {
        var reader = CSVReader()
        var text = text
        try text.withUTF8 { bytes in try reader.consume(bytes, body) }
        try reader.finish(body)
    }

    /// Calls `body` with each record read from `handle`, a chunk at a time.
    static func forEachRecord(
        reading handle: FileHandle, chunkSize: Int = 65_536, _ body: (Record) throws -> Void
    ) throws {
        var reader = CSVReader()
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            try chunk.withUnsafeBytes { raw in try reader.consume(raw.bindMemory(to: UInt8.self), body) }
        }
        try reader.finish(body)
    }

    /// Feeds the next bytes of the file.
    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Record) throws -> Void) throws {
        var index = 0
        while !bomDone && index < chunk.count {
            if chunk[index] == Self.byteOrderMark[bomMatched] {
                bomMatched += 1
                index += 1
                bomDone = bomMatched == Self.byteOrderMark.count
            } else {
                endByteOrderMark()
            }
        }
        while index < chunk.count {
            let byte = chunk[index]
            index += 1
            switch state {
            case .afterCarriageReturn:
                state = .fieldStart
                if byte == Self.lineFeed { continue }
                try fieldStart(byte, body)
            case .fieldStart:
                try fieldStart(byte, body)
            case .plain:
                switch byte {
                case Self.comma:
                    try endField()
                    state = .fieldStart
                case Self.lineFeed, Self.carriageReturn: try endRecord(byte, body)
                case Self.quote: throw Failure(line: line, message: "a quote in the middle of an unquoted field")
                default:
                    // Copy the run of ordinary bytes at once: this loop is the import's hot path.
                    var end = index
                    while end < chunk.count, !Self.isSpecial(chunk[end]) { end += 1 }
                    append(byte)
                    append(UnsafeBufferPointer(rebasing: chunk[index..<end]))
                    index = end
                }
            case .quoted:
                if byte == Self.quote {
                    state = .quoteInQuoted
                } else {
                    if byte == Self.lineFeed { line += 1 }
                    append(byte)
                }
            case .quoteInQuoted:
                switch byte {
                case Self.quote:
                    append(Self.quote)
                    state = .quoted
                case Self.comma:
                    try endField()
                    state = .fieldStart
                case Self.lineFeed, Self.carriageReturn:
                    try endRecord(byte, body)
                default:
                    throw Failure(line: line, message: "text after the closing quote of a field")
                }
            }
        }
    }

    /// The file has ended: hands over the last record, or fails on an unclosed quote.
    mutating func finish(_ body: (Record) throws -> Void) throws {
        if !bomDone { endByteOrderMark() }
        switch state {
        case .quoted:
            throw Failure(line: recordLine, message: "a quoted field is never closed")
        case .fieldStart where fieldCount == 0, .afterCarriageReturn:
            return
        default:
            try endField()
            try emit(body)
        }
    }

    /// The start of the file is not (or not all) a byte order mark: what matched is text.
    private mutating func endByteOrderMark() {
        bomDone = true
        guard bomMatched > 0, bomMatched < Self.byteOrderMark.count else { return }
        for byte in Self.byteOrderMark.prefix(bomMatched) { append(byte) }
        state = .plain
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == comma || byte == quote || byte == lineFeed || byte == carriageReturn
    }

    private mutating func fieldStart(_ byte: UInt8, _ body: (Record) throws -> Void) throws {
        switch byte {
        case Self.quote:
            if fieldCount == 0 { firstFieldQuoted = true }
            fieldQuoted = true
            state = .quoted
        case Self.comma:
            try endField()
        case Self.lineFeed, Self.carriageReturn:
            try endRecord(byte, body)
        default:
            append(byte)
            state = .plain
        }
    }

    private mutating func append(_ byte: UInt8) {
        fieldLength += 1
        if fieldBytes.count < maxFieldBytes { fieldBytes.append(byte) }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        fieldLength += bytes.count
        let room = maxFieldBytes - fieldBytes.count
        if room > 0 { fieldBytes.append(contentsOf: bytes.prefix(room)) }
    }

    private mutating func endField() throws {
        defer {
            fieldBytes.removeAll(keepingCapacity: true)
            fieldLength = 0
            fieldQuoted = false
            fieldCount += 1
        }
        guard fields.count < maxFields else { return }
        let text: String
        if fieldLength > maxFieldBytes {
            // Refused for its length anyway; the cut may split a character.
            text = String(decoding: fieldBytes, as: UTF8.self)
        } else {
            guard let valid = String(validating: fieldBytes, as: UTF8.self) else {
                throw Failure(line: line, message: "not UTF-8 text (save the file as CSV UTF-8)", isEncoding: true)
            }
            text = valid
        }
        fields.append(Field(text: text, byteCount: fieldLength))
    }

    private mutating func endRecord(_ byte: UInt8, _ body: (Record) throws -> Void) throws {
        try endField()
        try emit(body)
        line += 1
        recordLine = line
        state = byte == Self.carriageReturn ? .afterCarriageReturn : .fieldStart
    }

    private mutating func emit(_ body: (Record) throws -> Void) throws {
        defer {
            fields.removeAll(keepingCapacity: true)
            fieldCount = 0
            firstFieldQuoted = false
        }
        if fieldCount == 1, fields.first?.byteCount == 0, !firstFieldQuoted { return }
        try body(Record(line: recordLine, fields: fields, fieldCount: fieldCount))
    }
}
