import CrierCore
import CrierTemplates
import Foundation
import Testing

@Suite("TemplateLibrary.render")
struct RenderTests {
    let library: TemplateLibrary

    init() throws {
        library = try TemplateLibrary.load(from: try Support.fixture("valid"))
    }

    func render(
        _ variables: [String: TemplateValue], locale: String = "en", context: RenderContext = Support.context()
    ) throws -> RenderedParts {
        try library.render(template: "notice", locale: locale, variables: variables, context: context)
    }

    @Test func missingRequiredVariablesAreAllNamed() throws {
        do {
            _ = try render(["note": "x"])
            Issue.record("expected a failure")
        } catch let error as TemplateError {
            #expect(error.variables == ["details", "headline"])
            #expect(error.description.contains("details, headline"))
        }
    }

    @Test func unknownVariableIsRefused() throws {
        do {
            _ = try render(["headline": "A", "details": "B", "hedline": "typo"])
            Issue.record("expected a failure")
        } catch let error as TemplateError {
            #expect(error.variables == ["hedline"])
            #expect(error.description.contains("hedline"))
        }
    }

    @Test func listFieldsAreCheckedAndRendered() throws {
        #expect(throws: TemplateError.self) {
            try render(["headline": "A", "details": "B", "items": .list([["titel": "x"]])])
        }
        #expect(throws: TemplateError.self) {
            try render(["headline": "A", "details": "B", "items": "not a list"])
        }
        let parts = try render([
            "headline": "A", "details": "B", "items": .list([["title": "One", "when": "Mon"], ["title": "Two"]]),
        ])
        #expect(parts.text.contains("* One (Mon)\n* Two ()\n"))
    }

    @Test func htmlEscapesValuesAndTextDoesNot() throws {
        let details = #"People say they are "police" & ask for <cards>."#
        let parts = try render(["headline": "Tom & Jerry <b>", "details": .text(details)])
        #expect(parts.html.contains("EN HTML People say they are &quot;police&quot; &amp; ask for &lt;cards&gt;."))
        #expect(!parts.html.contains("<cards>"))
        #expect(parts.text.contains(details))
        #expect(!parts.text.contains("&amp;"))
        #expect(parts.subject == "Warning: Tom & Jerry <b>")
        #expect(parts.text.contains("Unsubscribe: https://example.org/unsubscribe/abc123"))
        #expect(parts.html.contains(#"<html lang="en">"#))
    }

    @Test(arguments: [
        #"quote " and 'single'"#, #"back\slash \n not a newline"#, "line one\nline two\r\nthree\ttab",
        "emoji 🚨👮🏽‍♀️ and Polish zażółć", "</script><script>alert(1)</script>", "control \u{01}\u{1F} chars",
    ])
    func webhookBodyIsValidJSON(_ value: String) throws {
        let parts = try render([
            "headline": "Headline", "details": .text(value), "note": .text(value),
            "items": .list([["title": value]]),
        ])
        let object = try JSONSerialization.jsonObject(with: parts.webhook)
        let body = try #require(object as? [String: Any])
        #expect(body["details"] as? String == value)
        #expect(body["note"] as? String == value)
        #expect(body["items"] as? [String] == [value])
        #expect(body["areas"] as? String == "East NPA, Central NPA")
        #expect(!String(decoding: parts.webhook, as: UTF8.self).contains("</script>"))
    }

    @Test func templateThatProducesInvalidJSONFailsClearly() throws {
        let broken = try TemplateLibrary.load(from: try Support.fixture("invalid-webhook"))
        do {
            _ = try broken.render(
                template: "bad", locale: "en", variables: ["headline": "A"], context: Support.context())
            Issue.record("expected a failure")
        } catch let error as TemplateError {
            #expect(error.description.contains("bad/webhook.en.mustache does not produce valid JSON"))
        }
    }

    /// (requested locale, locale used, marker in subject, marker in text, marker in HTML)
    static let fallbacks: [(String, String, String, String, String)] = [
        ("en", "en", "Warning:", "EN TEXT", "EN HTML"),
        ("pl", "pl", "Ostrzeżenie:", "PL TEXT", "PL HTML"),
        ("pl-PL", "pl", "Ostrzeżenie:", "PL TEXT", "PL HTML"),
        ("pl_PL", "pl", "Ostrzeżenie:", "PL TEXT", "PL HTML"),
        ("gu", "gu", "GU:", "EN TEXT", "EN HTML"),
        ("fr", "en", "Warning:", "EN TEXT", "EN HTML"),
        ("", "en", "Warning:", "EN TEXT", "EN HTML"),
    ]

    @Test(arguments: fallbacks)
    func localeFallsBack(_ row: (String, String, String, String, String)) throws {
        let (requested, used, subject, text, html) = row
        let parts = try render(["headline": "H", "details": "D"], locale: requested)
        #expect(parts.locale == used)
        #expect(parts.subject.hasPrefix(subject))
        #expect(parts.text.hasPrefix(text))
        #expect(parts.html.contains(html))
        #expect(parts.html.contains(#"<html lang="\#(used)">"#))
        #expect(try library.resolvedLocale(template: "notice", requested: requested) == used)
    }

    @Test(arguments: ["Fake\ncalls", "Fake\rcalls", "Fake\r\ncalls"])
    func lineBreakInSubjectIsRefusedNamingTheVariable(_ headline: String) throws {
        do {
            _ = try render(["headline": .text(headline), "details": "D"])
            Issue.record("expected a failure")
        } catch let error as TemplateError {
            #expect(error.variables == ["headline"])
            #expect(error.description.contains("'headline' contains a line break"))
        }
    }

    @Test func lineBreakOutsideTheSubjectIsFine() throws {
        let parts = try render(["headline": "H", "details": "two\nlines"])
        #expect(parts.text.contains("two\nlines"))
    }

    @Test(arguments: [
        (AlertStatus.actual, "Warning: H"), (.test, "[TEST] Warning: H"), (.exercise, "[EXERCISE] Warning: H"),
    ])
    func statusPrefixMarksRehearsals(_ status: AlertStatus, _ subject: String) throws {
        let parts = try render(["headline": "H", "details": "D"], context: Support.context(status: status))
        #expect(parts.subject == subject)
    }

    @Test func unknownTemplateIsNamed() throws {
        #expect(throws: TemplateError.self) {
            try library.render(template: "nope", locale: "en", variables: [:], context: Support.context())
        }
    }
}
