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
            ("header-injection.csv", 2, "name", "single line"),
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
        let error = try #require(throws: InputError.self) { try Self.validate(file) }
        #expect(error.message.contains(file))
        #expect(error.message.contains(mention), "\(error)")
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
        "names: printable text of any script passes, line breaks and control characters do not",
        arguments: [
            ("Ann Smith", true), ("Zofia Łukasiewicz", true), ("કિરણ પટેલ", true), ("Ann\u{7F}", false),
            ("Ann\tSmith", false),
            ("Ann\u{85}Smith", false), ("", true),
        ])
    func singleLineNames(_ name: String, _ valid: Bool) {
        #expect(SubscriberImport.isSingleLine(name) == valid)
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
