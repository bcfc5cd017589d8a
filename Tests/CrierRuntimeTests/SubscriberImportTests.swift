import CrierStore
import Foundation
import Testing

@testable import CrierRuntime

@Suite("subscriber CSV import")
struct SubscriberImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/subscribers")
    static let areas: Set<String> = ["west", "central", "south", "east"]
    static let topics: Set<String> = ["scams", "cyber-crime", "hate-crime"]

    static func validate(_ name: String) throws -> SubscriberImport {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        return try SubscriberImport.validate(text, file: name, areas: areas, topics: topics)
    }

    @Test(
        "a bad row is named by line and field",
        arguments: [
            ("bad-address.csv", 3, "email", "not-an-address"),
            ("unknown-area.csv", 2, "area", "north"),
            ("unknown-topic.csv", 2, "topics", "gardening"),
            ("duplicate.csv", 3, "email", "duplicate of line 2"),
            ("bad-locale.csv", 2, "locale", "english please"),
            ("short-row.csv", 2, "row", "expected 5 fields, found 4"),
            ("bad-test-flag.csv", 2, "test", "maybe"),
            ("header-injection.csv", 2, "name", "line break"),
        ])
    func badRow(_ file: String, _ line: Int, _ field: String, _ mention: String) throws {
        let result = try Self.validate(file)
        let problem = try #require(result.problems.first)
        #expect(problem.line == line)
        #expect(problem.field == field)
        #expect(problem.description.contains(mention), "\(problem)")
    }

    @Test(
        "a file that is not a residents CSV is refused whole",
        arguments: [
            ("unclosed-quote.csv", "never closed"), ("missing-column.csv", "no \"topics\" column"),
            ("text-after-quote.csv", ":2: not valid CSV: text after the closing quote"),
        ])
    func badFile(_ file: String, _ mention: String) throws {
        let error = try #require(throws: ImportError.self) { try Self.validate(file) }
        #expect(error.description.contains(file))
        #expect(error.description.contains(mention), "\(error)")
    }

    @Test("a spreadsheet's byte order mark and CRLF lines are read as plain CSV")
    func byteOrderMark() throws {
        let result = try Self.validate("excel-bom.csv")
        #expect(result.problems.isEmpty)
        #expect(result.accepted.map(\.email) == ["zofia@example.org", "kiran@example.org"])
        #expect(result.accepted.map(\.locale) == ["pl", "gu-IN"])
        #expect(result.accepted[1].topics == ["all"])
    }

    @Test(
        "names: printable text of any script passes; line breaks, controls and bidi overrides do not",
        arguments: [
            ("Ann Smith", true), ("Zofia Łukasiewicz", true), ("કિરણ પટેલ", true), ("Ann\u{7F}", false),
            ("Ann\tSmith", false), ("Ann\u{85}Smith", false), ("Ann\u{2028}Smith", false),
            ("Ann\u{2029}Smith", false), ("Ann\u{202E}Smith", false), ("Ann\u{1B}[31m", false), ("", true),
        ])
    func singleLineNames(_ name: String, _ valid: Bool) throws {
        let csv = "email,name,area,topics,locale\nann@example.org,\"\(name)\",east,all,en\n"
        let result = try SubscriberImport.validate(csv, file: "names.csv", areas: ["east"], topics: ["scams"])
        #expect(result.problems.isEmpty == valid, "\(result.problems)")
        if !valid { #expect(result.problems.first?.field == "name") }
    }

    @Test(
        "fields over their length limit are refused with line and field, however they are chunked",
        arguments: [
            (
                "email",
                "\(String(repeating: "a", count: 64))@\(String(repeating: "b", count: 63)).\(String(repeating: "c", count: 63)).\(String(repeating: "d", count: 63)).org"
            ),
            ("name", String(repeating: "ł", count: 201)), ("topics", String(repeating: "scams;", count: 200)),
            ("locale", "en-abcdefgh-abcdefgh-abcdefgh-abcdefgh"),
        ])
    func fieldLimits(_ field: String, _ value: String) throws {
        var values = ["email": "ann@example.org", "name": "Ann", "area": "east", "topics": "all", "locale": "en"]
        values[field] = value
        let row = ["email", "name", "area", "topics", "locale"].map { values[$0]! }.joined(separator: ",")
        let result = try SubscriberImport.validate(
            "email,name,area,topics,locale\n\(row)\n", file: "long.csv", areas: ["east"], topics: ["scams"])
        #expect(result.problems.map(\.line) == [2])
        #expect(result.problems.first?.field == field)
        #expect(result.problems.first?.message.hasPrefix("longer than") == true, "\(result.problems)")
    }

    @Test("the reader gives the same records whatever the chunk size", arguments: [1, 2, 3, 7, 64])
    func chunkedReading(_ size: Int) throws {
        let text = "\u{FEFF}a,\"b,\"\"c\"\"\"\r\n\r\nd,\"e\nf\",ż\ng,h"
        var whole: [[String]] = []
        try CSVReader.forEachRecord(in: text) { whole.append($0.fields.map(\.text)) }
        #expect(whole == [["a", "b,\"c\""], ["d", "e\nf", "ż"], ["g", "h"]])
        var reader = CSVReader()
        var chunked: [[String]] = []
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: size) {
            try bytes[start..<min(start + size, bytes.count)].withUnsafeBufferPointer { chunk in
                try reader.consume(chunk) { chunked.append($0.fields.map(\.text)) }
            }
        }
        try reader.finish { chunked.append($0.fields.map(\.text)) }
        #expect(chunked == whole)
    }

    @Test("quoted fields, CRLF, blank lines, default locale and the test column")
    func goodFile() throws {
        let result = try Self.validate("good.csv")
        #expect(result.problems.isEmpty)
        #expect(result.accepted.map(\.email) == ["ann@example.org", "bob@example.org", "chen@example.org"])
        #expect(result.accepted[0].name == "Smith, Ann")
        #expect(result.accepted[0].topics == ["scams", "cyber-crime"])
        #expect(result.accepted[0].locale == "pl")
        #expect(result.accepted[0].isTest)
        #expect(result.accepted[1].locale == "en")
        #expect(!result.accepted[1].isTest)
        #expect(result.accepted[2].name == "Chen \"CJ\" Li")
        #expect(result.accepted[2].locale == "gu-IN")
    }

    @Test(
        "language tags",
        arguments: [
            ("en", true), ("pl", true), ("gu-IN", true), ("zh-Hant-TW", true), ("e", false), ("english", false),
            ("en_GB", false), ("", false),
        ])
    func languageTags(_ tag: String, _ valid: Bool) {
        #expect(SubscriberImport.isLanguageTag(tag) == valid)
    }
}
