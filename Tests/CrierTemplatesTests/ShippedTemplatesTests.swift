import CrierTemplates
import Foundation
import Testing

@Suite("shipped templates")
struct ShippedTemplatesTests {
    static let required = [
        "phishing-alert", "courier-fraud", "doorstep-crime", "online-shopping-fraud", "hate-crime-reporting",
        "knife-crime-awareness", "night-time-safety", "domestic-abuse-support", "exploitation-signs",
        "urgent-warning", "area-bulletin", "alert-cancelled",
    ]

    @Test func checkClean() throws {
        let library = try TemplateLibrary.load(from: Support.shippedTemplates)
        let problems = library.check()
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        let ids = Set(library.templates.map(\.id))
        for id in Self.required {
            #expect(ids.contains(id), "missing shipped template \(id)")
        }
        for id in ["phishing-alert", "courier-fraud", "hate-crime-reporting"] {
            #expect(library.metadata(for: id)?.locales == ["en", "pl", "gu"])
        }
    }

    @Test(arguments: required)
    func rendersWithExamples(_ id: String) throws {
        let library = try TemplateLibrary.load(from: Support.shippedTemplates)
        let metadata = try #require(library.metadata(for: id))
        for locale in metadata.locales {
            let parts = try library.renderExample(template: id, locale: locale, context: Support.context())
            #expect(parts.locale == locale)
            #expect(!parts.subject.isEmpty)
            #expect(!parts.subject.contains("{{"))
            #expect(parts.text.contains("999"))
            #expect(parts.text.contains("0800 555 111"))
            #expect(!parts.text.contains("&amp;"))
            #expect(parts.html.contains(#"<html lang="\#(locale)">"#))
            #expect(parts.html.contains("https://example.org/unsubscribe/abc123"))
            let body = try JSONSerialization.jsonObject(with: parts.webhook) as? [String: Any]
            #expect(body?["headline"] as? String != nil)
            for variable in metadata.variables {
                if case .text(let example) = variable.example, !example.contains("\"") {
                    #expect(parts.text.contains(example), "\(id)/\(locale) text lacks \(variable.name)")
                }
            }
        }
    }
}
