import CrierTemplates
import CrierYAML
import Foundation
import Testing

/// One invalid fixture and the problem `check()` must report for it.
struct ExpectedProblem: Sendable, CustomStringConvertible {
    var fixture: String
    var file: String
    var line: Int?
    var name: String?
    var fragment: String
    var severity: TemplateProblem.Severity = .error

    var description: String { fixture }
}

@Suite("TemplateLibrary.check")
struct CheckTests {
    static let cases: [ExpectedProblem] = [
        .init(
            fixture: "undeclared-variable", file: "bad/text.en.mustache", line: 4, name: "phone_numbr",
            fragment: "neither declared"),
        .init(
            fixture: "unclosed-section", file: "bad/text.en.mustache", line: 2, name: "areas",
            fragment: "never closed"),
        .init(
            fixture: "mismatched-section", file: "bad/text.en.mustache", line: 3, name: "area",
            fragment: "does not match the open section 'areas' from line 1"),
        .init(
            fixture: "unknown-partial", file: "bad/text.en.mustache", line: 3, name: "signature",
            fragment: "partial 'signature' does not exist"),
        .init(
            fixture: "unescaped-html", file: "bad/html.en.mustache", line: 2, name: "headline",
            fragment: "inject markup"),
        .init(
            fixture: "missing-fallback", file: "bad/html.pl.mustache", line: nil, name: "pl",
            fragment: "no html part and no en fallback"),
        .init(
            fixture: "unused-variable", file: "bad/template.yml", line: 16, name: "spare",
            fragment: "declared but no part uses it", severity: .warning),
    ]

    @Test("reports the problem with template, file, line and name", arguments: cases)
    func reportsProblem(_ expected: ExpectedProblem) throws {
        let library = try TemplateLibrary.load(from: try Support.fixture(expected.fixture))
        let problems = library.check()
        let match = problems.first { $0.file == expected.file && $0.message.contains(expected.fragment) }
        let problem = try #require(match, "got: \(problems.map(\.description))")
        #expect(problem.template == "bad")
        #expect(problem.line == expected.line)
        #expect(problem.name == expected.name)
        #expect(problem.severity == expected.severity)
        #expect(problem.description.contains(expected.file))
    }

    @Test func unusedVariableIsOnlyAWarning() throws {
        let library = try TemplateLibrary.load(from: try Support.fixture("unused-variable"))
        #expect(library.check().allSatisfy { $0.severity == .warning })
        let parts = try library.render(
            template: "bad", locale: "en", variables: ["headline": "Hi"], context: Support.context())
        #expect(parts.subject == "Hi")
    }

    @Test func templateWithErrorsRefusesToRender() throws {
        let library = try TemplateLibrary.load(from: try Support.fixture("undeclared-variable"))
        #expect(throws: TemplateError.self) {
            try library.render(template: "bad", locale: "en", variables: ["headline": "Hi"], context: Support.context())
        }
    }

    @Test func validFixtureIsClean() throws {
        let library = try TemplateLibrary.load(from: try Support.fixture("valid"))
        #expect(library.check() == [])
    }
}

/// A broken `template.yml` and the place its error must name.
struct MetadataCase: Sendable, CustomStringConvertible {
    var fixture: String
    var place: String
    var key: String

    var description: String { fixture }
}

@Suite("template.yml validation")
struct MetadataTests {
    static let cases: [MetadataCase] = [
        .init(fixture: "bad-metadata-key", place: "bad/template.yml:3", key: "'titel'"),
        .init(fixture: "bad-cap-value", place: "bad/template.yml:9", key: "'cap.severity'"),
        .init(fixture: "bad-variable-key", place: "bad/template.yml:16", key: "'variables.headline.requird'"),
        .init(fixture: "bad-locales-type", place: "bad/template.yml:16", key: "'locales'"),
        .init(fixture: "bad-id", place: "bad/template.yml:1", key: "'id'"),
        .init(fixture: "bad-topic", place: "bad/template.yml:2", key: "'topic'"),
        .init(fixture: "bad-boolean", place: "bad/template.yml:16", key: "'variables.headline.required'"),
    ]

    @Test("names file, line and key", arguments: cases)
    func namesFileLineAndKey(_ expected: MetadataCase) throws {
        do {
            _ = try TemplateLibrary.load(from: try Support.fixture(expected.fixture))
            Issue.record("expected \(expected.fixture) to fail")
        } catch let error as TemplateError {
            #expect(error.description.hasPrefix(expected.place), "\(error)")
            #expect(error.description.contains(expected.key), "\(error)")
            let problem = try #require(error.metadataProblem)
            #expect("bad/template.yml:\(problem.line ?? 0)" == expected.place)
            #expect("'\(problem.key ?? "")'" == expected.key)
        }
    }
}
