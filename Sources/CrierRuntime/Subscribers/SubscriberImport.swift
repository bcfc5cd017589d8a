import CrierCore
import CrierDelivery
import CrierStore
public import Foundation

/// Reads and validates a residents CSV (`email,name,area,topics,locale[,test]`) before anything is imported.
///
/// Every row is checked first; any problem names its line and field, and nothing is imported
/// unless the caller chooses to skip the bad rows. Fields have length limits, in characters
/// (Unicode scalars), so one huge field is refused with its line rather than stored:
///
/// | field | at most |
/// |---|---|
/// | email | 254 (RFC 5321's path limit) |
/// | name | 200 |
/// | area | 64 |
/// | topics | 1,000 |
/// | locale | 35 (BCP 47's practical limit) |
/// | test | 5 |
public struct SubscriberImport: Sendable {
    /// One refused row.
    public struct Problem: Sendable, Equatable, Encodable, CustomStringConvertible {
        public let line: Int
        public let field: String
        public let message: String

        public var description: String { "line \(line): \(field): \(message)" }
    }

    /// A good row not imported because its address is suppressed: the person unsubscribed, was
    /// forgotten, bounced or complained, and only their own confirmed sign-up subscribes them again.
    /// Not a problem with the file: the rest is imported all the same.
    public struct Withheld: Sendable, Equatable, Encodable, CustomStringConvertible {
        public let line: Int
        public let email: String
        /// Why it is suppressed (`unsubscribed`, `forgotten`, `hard-bounce`, `complaint`, `soft-bounces`).
        public let reason: String
        public let since: Date

        public var description: String {
            let day = since.formatted(.iso8601.year().month().day())
            return
                "line \(line): \(InputText.terminalSafe(email)) is suppressed (\(reason) on \(day)): not re-subscribed without their confirmation"
        }
    }

    /// The rows that passed.
    let accepted: [SubscriberInput]
    /// The rows that did not, in file order.
    public let problems: [Problem]
    /// The file as the user named it.
    public let file: String

    static let requiredColumns = ["email", "name", "area", "topics", "locale"]
    static let optionalColumns = ["test"]
    /// The length limits above, by column.
    static let maxLength = ["email": 254, "name": 200, "area": 64, "topics": 1_000, "locale": 35, "test": 5]

    /// Validates the whole of `text` against the configured areas and topics.
    static func validate(_ text: String, file: String, areas: Set<String>, topics: Set<String>) throws
        -> SubscriberImport
    {
        var accepted: [SubscriberInput] = []
        var problems: [Problem] = []
        try check(
            text, file: file, areas: areas, topics: topics, accept: { accepted.append($0) },
            refuse: { problems.append($0) })
        return SubscriberImport(accepted: accepted, problems: problems, file: file)
    }

    /// Checks `text` one record at a time, handing each good row to `accept` and each problem to
    /// `refuse` as soon as its row is read. Throws, naming the file and line, when the file is not
    /// a residents CSV at all (bad CSV, a wrong header, nothing in it).
    static func check(
        _ text: String, file: String, areas: Set<String>, topics: Set<String>,
        suppressed: [String: Suppression] = [:], accept: (SubscriberInput) -> Void, refuse: (Problem) -> Void,
        withhold: (Withheld) -> Void = { _ in }
    ) throws {
        try check(
            records: { body in try CSVReader.forEachRecord(in: text, body) }, file: file, areas: areas, topics: topics,
            suppressed: suppressed, accept: accept, refuse: refuse, withhold: withhold)
    }

    /// Checks the file at `url` as `check(_:file:...)` does, reading it a chunk at a time so memory
    /// stays flat however large it is; `file` names it in errors.
    static func check(
        contentsOf url: URL, file: String, areas: Set<String>, topics: Set<String>,
        suppressed: [String: Suppression] = [:], accept: (SubscriberInput) -> Void, refuse: (Problem) -> Void,
        withhold: (Withheld) -> Void = { _ in }
    ) throws {
        try check(
            records: { body in
                let handle: FileHandle
                do {
                    handle = try FileHandle(forReadingFrom: url)
                } catch {
                    throw ImportError.unreadable(file: file, reason: error.localizedDescription)
                }
                defer { try? handle.close() }
                try CSVReader.forEachRecord(reading: handle, body)
            }, file: file, areas: areas, topics: topics, suppressed: suppressed, accept: accept, refuse: refuse,
            withhold: withhold)
    }

    private static func check(
        records: ((CSVReader.Record) throws -> Void) throws -> Void, file: String, areas: Set<String>,
        topics: Set<String>, suppressed: [String: Suppression], accept: (SubscriberInput) -> Void,
        refuse: (Problem) -> Void, withhold: (Withheld) -> Void
    ) throws {
        var validator: RowValidator?
        do {
            // `records` calls back only while it runs: nothing escapes.
            try withoutActuallyEscaping(accept) { accept in
                try withoutActuallyEscaping(refuse) { refuse in
                    try withoutActuallyEscaping(withhold) { withhold in
                        try records { record in
                            guard validator != nil else {
                                validator = try RowValidator(
                                    header: record, file: file, areas: areas, topics: topics, suppressed: suppressed)
                                return
                            }
                            validator?.check(record, accept: accept, refuse: refuse, withhold: withhold)
                        }
                    }
                }
            }
        } catch let error as CSVReader.Failure {
            if error.isEncoding { throw ImportError.encoding(file: file, line: error.line, reason: error.message) }
            throw ImportError.notCSV(file: file, line: error.line, reason: error.message)
        }
        guard validator != nil else {
            throw ImportError.empty(file: file, columns: requiredColumns.joined(separator: ","))
        }
    }

    /// Checks rows against the header's columns, remembering accepted addresses to catch repeats.
    private struct RowValidator {
        let columnCount: Int
        let email: Int, name: Int, area: Int, topics: Int, locale: Int
        let test: Int?
        let knownAreas: Set<String>
        let knownTopics: Set<String>
        /// The suppression list by address hash (empty: nothing to check).
        let suppressed: [String: Suppression]
        /// Hashes of the lowercased addresses already accepted, with their line (8 bytes a row, not the address).
        var seen: [Int: Int] = [:]

        init(
            header: CSVReader.Record, file: String, areas: Set<String>, topics: Set<String>,
            suppressed: [String: Suppression]
        ) throws(ImportError) {
            self.suppressed = suppressed
            let columns = header.fields.map { trimmedSpaces($0.text).lowercased() }
            for column in requiredColumns where !columns.contains(column) {
                throw ImportError.missingColumn(
                    file: file, line: header.line, column: column, expected: requiredColumns.joined(separator: ","))
            }
            for column in columns where !requiredColumns.contains(column) && !optionalColumns.contains(column) {
                throw ImportError.unknownColumn(file: file, line: header.line, column: column)
            }
            func position(_ column: String) -> Int? { columns.firstIndex(of: column) }
            guard columns.count == header.fieldCount else {
                throw ImportError.columnCount(file: file, line: header.line, count: header.fieldCount)
            }
            columnCount = columns.count
            email = position("email")!
            name = position("name")!
            area = position("area")!
            self.topics = position("topics")!
            locale = position("locale")!
            test = position("test")
            knownAreas = areas
            knownTopics = topics
        }

        mutating func check(
            _ record: CSVReader.Record, accept: (SubscriberInput) -> Void, refuse problem: (Problem) -> Void,
            withhold: (Withheld) -> Void
        ) {
            var valid = true
            func refuse(_ field: String, _ message: String) {
                problem(Problem(line: record.line, field: field, message: message))
                valid = false
            }
            guard record.fieldCount == columnCount else {
                refuse("row", "expected \(columnCount) fields, found \(record.fieldCount)")
                return
            }
            for (column, index) in [
                ("email", email), ("name", name), ("area", area), ("topics", topics),
                ("locale", locale), ("test", test ?? -1),
            ] where index >= 0 {
                let limit = maxLength[column] ?? 0
                if isLonger(record.fields[index], than: limit) {
                    refuse(column, "longer than \(limit) characters (\(record.fields[index].byteCount) bytes)")
                }
            }
            guard valid else { return }
            let email = trimmedSpaces(record.fields[email].text)
            let name = trimmedSpaces(record.fields[name].text)
            let area = trimmedSpaces(record.fields[area].text)
            let localeText = trimmedSpaces(record.fields[locale].text)
            let locale = localeText.isEmpty ? "en" : localeText
            do {
                try EmailAddress.validate(address: email, field: "email")
            } catch {
                refuse("email", "\"\(InputText.terminalSafe(email))\" is not a valid email address: \(error.reason)")
            }
            if let problem = InputText.problem(in: name) {
                refuse("name", "\(problem); a name goes into the email's To header")
            }
            if !knownAreas.contains(area) {
                refuse(
                    "area",
                    "unknown area \"\(InputText.terminalSafe(area))\" (known: \(knownAreas.sorted().joined(separator: ", ")))"
                )
            }
            let topicList = record.fields[topics].text.split(separator: ";").map { trimmedSpaces(String($0)) }.filter {
                !$0.isEmpty
            }
            if topicList.isEmpty {
                refuse("topics", "empty (use all, or topics separated by ;)")
            }
            for topic in topicList where topic != Subscriber.allTopics && !knownTopics.contains(topic) {
                refuse("topics", "unknown topic \"\(InputText.terminalSafe(topic))\"")
            }
            if !isLanguageTag(locale) {
                refuse(
                    "locale",
                    "\"\(InputText.terminalSafe(locale))\" is not a BCP 47 language tag such as en, pl or gu-IN")
            }
            var isTest = false
            if let test {
                let text = trimmedSpaces(record.fields[test].text)
                switch text.lowercased() {
                case "", "false", "no", "0": isTest = false
                case "true", "yes", "1": isTest = true
                default: refuse("test", "expected true or false, found \"\(InputText.terminalSafe(text))\"")
                }
            }
            var hasher = Hasher()
            hasher.combine(email.lowercased())
            let key = hasher.finalize()
            if let first = seen[key] {
                refuse("email", "duplicate of line \(first)")
            } else if valid {
                seen[key] = record.line
            }
            if valid, !suppressed.isEmpty, let entry = suppressed[SQLiteOutbox.addressHash(email)] {
                withhold(
                    Withheld(line: record.line, email: email, reason: entry.reason.rawValue, since: entry.suppressedAt))
            } else if valid {
                accept(
                    SubscriberInput(
                        email: email, name: name, area: area, topics: topicList, locale: locale, isTest: isTest))
            }
        }
    }

    /// True when `field` has more than `limit` Unicode scalars; checks its byte count first.
    static func isLonger(_ field: CSVReader.Field, than limit: Int) -> Bool {
        guard field.byteCount > limit else { return false }
        guard field.byteCount == field.text.utf8.count else { return true }
        return field.text.unicodeScalars.count > limit
    }

    /// `text` without leading and trailing spaces and tabs; cheap when there are none (the usual case).
    static func trimmedSpaces(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard isSpace(first) || isSpace(last) else { return text }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }), let end = utf8.lastIndex(where: { !isSpace($0) })
        else {
            return ""
        }
        return String(text[start...end])
    }

    /// `en`, `pl`, `gu-IN`, `zh-Hant-TW`: two or three ASCII letters, then dash-separated subtags
    /// of one to eight ASCII letters or digits.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy(isLetter) else {
            return false
        }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { isLetter($0) || isDigit($0) }
        }
    }
}
