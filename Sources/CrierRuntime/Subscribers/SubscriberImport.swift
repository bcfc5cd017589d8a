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

    /// Validates `text` against the configured areas and topics.
    public static func validate(_ text: String, file: String, areas: Set<String>, topics: Set<String>) throws -> SubscriberImport {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(text)
        } catch {
            throw InputError("\(file):\(error.line): not valid CSV: \(error.message)")
        }
        guard let header = records.first else { throw InputError("\(file): the file is empty (expected a header line: \(requiredColumns.joined(separator: ",")))") }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for column in requiredColumns where !columns.contains(column) {
            throw InputError("\(file):\(header.line): the header has no \"\(column)\" column (expected \(requiredColumns.joined(separator: ","))[,test])")
        }
        for column in columns where !requiredColumns.contains(column) && !optionalColumns.contains(column) {
            throw InputError("\(file):\(header.line): unknown column \"\(column)\"")
        }
        let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })

        var accepted: [SubscriberInput] = []
        accepted.reserveCapacity(records.count)
        var problems: [Problem] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            func value(_ column: String) -> String {
                guard let position = index[column], position < record.fields.count else { return "" }
                return trimmedSpaces(record.fields[position])
            }
            func refuse(_ field: String, _ message: String) { problems.append(Problem(line: record.line, field: field, message: message)) }
            guard record.fields.count == columns.count else {
                refuse("row", "expected \(columns.count) fields, found \(record.fields.count)")
                continue
            }
            let email = value("email")
            let name = value("name")
            let area = value("area")
            let locale = value("locale").isEmpty ? "en" : value("locale")
            let topicsText = value("topics")
            var valid = true
            do {
                try EmailAddress.validate(address: email, field: "email")
            } catch {
                refuse("email", "\"\(email)\" is not a valid email address")
                valid = false
            }
            if name.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0.properties.generalCategory == .control }) {
                refuse("name", "must be a single line without control characters")
                valid = false
            }
            if !areas.contains(area) {
                refuse("area", "unknown area \"\(area)\" (known: \(areas.sorted().joined(separator: ", ")))")
                valid = false
            }
            let topicList = topicsText.split(separator: ";").map { trimmedSpaces(String($0)) }.filter { !$0.isEmpty }
            if topicList.isEmpty {
                refuse("topics", "empty (use all, or topics separated by ;)")
                valid = false
            }
            for topic in topicList where topic != Subscriber.allTopics && !topics.contains(topic) {
                refuse("topics", "unknown topic \"\(topic)\"")
                valid = false
            }
            if !isLanguageTag(locale) {
                refuse("locale", "\"\(locale)\" is not a BCP 47 language tag such as en, pl or gu-IN")
                valid = false
            }
            var isTest = false
            if index["test"] != nil {
                switch value("test").lowercased() {
                case "", "false", "no", "0": isTest = false
                case "true", "yes", "1": isTest = true
                default:
                    refuse("test", "expected true or false, found \"\(value("test"))\"")
                    valid = false
                }
            }
            let key = email.lowercased()
            if let first = seen[key] {
                refuse("email", "duplicate of line \(first)")
                valid = false
            } else if valid {
                seen[key] = record.line
            }
            if valid {
                accepted.append(
                    SubscriberInput(email: email, name: name, area: area, topics: topicList, locale: locale, isTest: isTest))
            }
        }
        return SubscriberImport(accepted: accepted, problems: problems, file: file)
    }

    /// `text` without leading and trailing spaces and tabs; cheap when there are none (the usual case).
    static func trimmedSpaces(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard isSpace(first) || isSpace(last) else { return text }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }), let end = utf8.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(text[start...end])
    }

    /// `en`, `pl`, `gu-IN`, `zh-Hant-TW`: letters, then dash-separated letter or digit subtags.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
