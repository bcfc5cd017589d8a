import Testing

@testable import CrierYAML

@Suite("strict YAML: one reader, one boolean rule, errors naming file, line and key")
struct YAMLMappingTests {
    static func parse(_ text: String) throws -> YAMLMapping { try YAMLMapping.parse(text, file: "test.yml") }

    @Test(
        "booleans: only unquoted true and false",
        arguments: [("true", true), ("false", false)])
    func booleans(_ written: String, _ value: Bool) throws {
        var mapping = try Self.parse("flag: \(written)\n")
        #expect(try mapping.bool("flag") == value)
    }

    @Test(
        "anything else is refused, naming the line, key and value",
        arguments: ["yes", "no", "on", "off", "True", "FALSE", "y", "1", "\"true\"", "'false'"])
    func refusedBooleans(_ written: String) throws {
        var mapping = try Self.parse("other: 1\nflag: \(written)\n")
        let error = try #require(throws: YAMLError.self) { try mapping.bool("flag") }
        #expect(error.file == "test.yml")
        #expect(error.line == 2)
        #expect(error.key == "flag")
        #expect(error.message.hasPrefix("expected true or false"))
    }

    @Test("a missing or null value is absent")
    func absent() throws {
        var mapping = try Self.parse("empty:\ntilde: ~\n")
        #expect(try mapping.bool("empty") == nil)
        #expect(try mapping.string("tilde") == nil)
        #expect(try mapping.bool("missing") == nil)
    }

    @Test("a duplicate key names both lines")
    func duplicate() throws {
        let error = try #require(throws: YAMLError.self) { try Self.parse("a: 1\nb: 2\na: 3\n") }
        #expect(error == YAMLError(file: "test.yml", line: 3, key: "a", message: "duplicate key (first on line 1)"))
        #expect(error.description == "test.yml:3: a: duplicate key (first on line 1)")
    }

    @Test("a duplicate key inside a nested mapping names the dotted path")
    func nestedDuplicate() throws {
        var root = try Self.parse("outer:\n  x: 1\n  y: 2\n")
        var outer = try #require(try root.mapping("outer"))
        #expect(try outer.int("x") == 1)
        let error = try #require(throws: YAMLError.self) { try outer.finish(known: ["x"]) }
        #expect(error.line == 3)
        #expect(error.key == "outer.y")
        #expect(error.message == "unknown key (expected one of: x)")
    }

    @Test("wrong types name the line and key")
    func wrongTypes() throws {
        var mapping = try Self.parse("count: many\nlist: { a: 1 }\nname: [a, b]\n")
        #expect(
            throws: YAMLError(
                file: "test.yml", line: 1, key: "count", message: "expected a whole number, found \"many\"")
        ) {
            try mapping.int("count")
        }
        #expect(throws: YAMLError(file: "test.yml", line: 2, key: "list", message: "expected a list")) {
            try mapping.strings("list")
        }
        #expect(throws: YAMLError(file: "test.yml", line: 3, key: "name", message: "expected a single value")) {
            try mapping.string("name")
        }
    }

    @Test("a single value is a list of one unless the caller wants a real list")
    func listOfOne() throws {
        var mapping = try Self.parse("one: en\n")
        #expect(try mapping.strings("one") == ["en"])
        var strict = try Self.parse("one: en\n")
        #expect(throws: YAMLError.self) { try strict.strings("one", acceptingOne: false) }
    }

    @Test("list items name their index in the key path")
    func listItems() throws {
        var mapping = try Self.parse("items:\n  - { id: a }\n  - { id: b, colour: red }\n")
        let items = try #require(try mapping.mappings("items"))
        #expect(items[0].unknownKeys(known: ["id"]).isEmpty)
        let problems = items[1].unknownKeys(known: ["id"])
        #expect(problems.map(\.key) == ["items[1].colour"])
        #expect(problems.map(\.line) == [3])
    }

    @Test("text that is not YAML names the line")
    func notYAML() throws {
        let error = try #require(throws: YAMLError.self) { try Self.parse("a: [1, 2\nb: 3\n") }
        #expect(error.message.hasPrefix("not valid YAML"))
        #expect(error.line != nil)
    }

    @Test("a top level that is not a mapping is refused")
    func notAMapping() throws {
        let error = try #require(throws: YAMLError.self) { try Self.parse("- a\n- b\n") }
        #expect(error.message == "expected a mapping of keys to values")
        #expect(error.key == nil)
    }
}
