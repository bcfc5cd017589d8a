import CrierCore
import CrierDelivery
public import CrierStore
import Foundation

/// Reads and validates a residents CSV (`email,name,area,topics,locale[,test]`) before anything is imported.
///
/// Every row is checked first; any problem names its line and field, and nothing is imported
/// unless the caller chooses to skip the bad rows.
public struct SubscriberImport: Sendable {
    /// One refused row.
    public struct Problem: Sendable, Equatable, Encodable, CustomStringConvertible {
        public let line: Int
        public let field: String
        public let message: String

        public var description: String { "line \(line): \(field): \(message)" }
    }

    /// The rows that passed.
    public let accepted: [SubscriberInput]
    /// The rows that did not, in file order.
    public let problems: [Problem]
    /// The file as the user named it.
    public let file: String

    static let requiredColumns = ["email", "name", "area", "topics", "locale"]
    static let optionalColumns = ["test"]

    /// The text of the file at `file`, which must be UTF-8 (spreadsheet programs call it "CSV UTF-8").
    public static func readText(file: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw InputError("\(file): cannot read the file (\(error.localizedDescription))")
        }
        if let text = String(validating: data, as: UTF8.self) { return text }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let line = (lines.firstIndex { String(validating: $0, as: UTF8.self) == nil } ?? 0) + 1
        throw InputError("\(file):\(line): not UTF-8 text (save the file as CSV UTF-8)")
    }

    /// Validates the whole of `text` against the configured areas and topics.
    public static func validate(_ text: String, file: String, areas: Set<String>, topics: Set<String>) throws
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
    public static func check(
        _ text: String, file: String, areas: Set<String>, topics: Set<String>,
        accept: (SubscriberInput) -> Void, refuse: (Problem) -> Void
    ) throws {
        var validator: RowValidator?
        var headerProblem: InputError?
        do throws(CSVReader.Failure) {
            try CSVReader.forEachRecord(in: text) { record in
                guard headerProblem == nil else { return }
                guard validator != nil else {
                    do throws(InputError) {
                        validator = try RowValidator(header: record, file: file, areas: areas, topics: topics)
                    } catch {
                        headerProblem = error
                    }
                    return
                }
                validator?.check(record, accept: accept, refuse: refuse)
            }
        } catch {
            throw InputError("\(file):\(error.line): not valid CSV: \(error.message)")
        }
        if let headerProblem { throw headerProblem }
        guard validator != nil else {
            throw InputError(
                "\(file): the file is empty (expected a header line: \(requiredColumns.joined(separator: ",")))")
        }
    }

    /// Checks rows against the header's columns, remembering accepted addresses to catch repeats.
    private struct RowValidator {
        let columnCount: Int
        let email: Int, name: Int, area: Int, topics: Int, locale: Int
        let test: Int?
        let knownAreas: Set<String>
        let knownTopics: Set<String>
        /// Lowercased addresses already accepted, with their line.
        var seen: [String: Int] = [:]

        init(header: CSVReader.Record, file: String, areas: Set<String>, topics: Set<String>) throws(InputError) {
            let columns = header.fields.map { trimmedSpaces($0).lowercased() }
            for column in requiredColumns where !columns.contains(column) {
                throw InputError(
                    "\(file):\(header.line): the header has no \"\(column)\" column (expected \(requiredColumns.joined(separator: ","))[,test])"
                )
            }
            for column in columns where !requiredColumns.contains(column) && !optionalColumns.contains(column) {
                throw InputError("\(file):\(header.line): unknown column \"\(column)\"")
            }
            func position(_ column: String) -> Int? { columns.firstIndex(of: column) }
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
            _ record: CSVReader.Record, accept: (SubscriberInput) -> Void, refuse problem: (Problem) -> Void
        ) {
            var valid = true
            func refuse(_ field: String, _ message: String) {
                problem(Problem(line: record.line, field: field, message: message))
                valid = false
            }
            guard record.fields.count == columnCount else {
                refuse("row", "expected \(columnCount) fields, found \(record.fields.count)")
                return
            }
            let email = trimmedSpaces(record.fields[email])
            let name = trimmedSpaces(record.fields[name])
            let area = trimmedSpaces(record.fields[area])
            let localeText = trimmedSpaces(record.fields[locale])
            let locale = localeText.isEmpty ? "en" : localeText
            do {
                try EmailAddress.validate(address: email, field: "email")
            } catch {
                refuse("email", "\"\(email)\" is not a valid email address")
            }
            if !isSingleLine(name) {
                refuse("name", "must be a single line without control characters")
            }
            if !knownAreas.contains(area) {
                refuse("area", "unknown area \"\(area)\" (known: \(knownAreas.sorted().joined(separator: ", ")))")
            }
            let topicList = record.fields[topics].split(separator: ";").map { trimmedSpaces(String($0)) }.filter {
                !$0.isEmpty
            }
            if topicList.isEmpty {
                refuse("topics", "empty (use all, or topics separated by ;)")
            }
            for topic in topicList where topic != Subscriber.allTopics && !knownTopics.contains(topic) {
                refuse("topics", "unknown topic \"\(topic)\"")
            }
            if !isLanguageTag(locale) {
                refuse("locale", "\"\(locale)\" is not a BCP 47 language tag such as en, pl or gu-IN")
            }
            var isTest = false
            if let test {
                let text = trimmedSpaces(record.fields[test])
                switch text.lowercased() {
                case "", "false", "no", "0": isTest = false
                case "true", "yes", "1": isTest = true
                default: refuse("test", "expected true or false, found \"\(text)\"")
                }
            }
            let key = email.lowercased()
            if let first = seen[key] {
                refuse("email", "duplicate of line \(first)")
            } else if valid {
                seen[key] = record.line
            }
            if valid {
                accept(
                    SubscriberInput(
                        email: email, name: name, area: area, topics: topicList, locale: locale, isTest: isTest))
            }
        }
    }

    /// True when `text` has no line breaks or other control characters; checks bytes first, since
    /// almost every name is plain printable ASCII.
    static func isSingleLine(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        return !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
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
