import CrierCore
import CrierTemplates
import Foundation
import Testing

@Suite("notice templates: the sign-up confirmation is no alert")
struct NoticeTemplateTests {
    @Test func theConfirmationRendersInEachLanguageAndAlertsCannotNameIt() throws {
        let library = try TemplateLibrary.load(from: Support.shippedTemplates)
        #expect(library.metadata(for: "subscribe-confirm") == nil, "alerts, schedules and previews cannot use it")
        #expect(!library.templates.map(\.id).contains("subscribe-confirm"))
        let notice = try #require(library.noticeMetadata(for: "subscribe-confirm"))
        #expect(notice.kind == .notice && notice.locales == ["en", "pl", "gu"])
        for locale in notice.locales {
            let parts = try library.render(
                template: "subscribe-confirm", locale: locale,
                variables: [
                    "confirm_url": .text("https://alerts.example.org/subscribe/confirm/T0ken"),
                    "area_name": .text("East NPA"), "expires_date": .text("3 December 2026"),
                ],
                context: Support.context())
            #expect(parts.locale == locale)
            #expect(parts.text.contains("https://alerts.example.org/subscribe/confirm/T0ken"))
            #expect(parts.html.contains(#"<html lang="\#(locale)">"#))
            #expect(parts.html.contains(#"href="https://alerts.example.org/subscribe/confirm/T0ken""#))
            #expect(parts.subject.contains("Safer Leicester Partnership"))
            #expect(!parts.text.contains("999"), "not an alert: no reporting footer")
        }
    }

    @Test func aNoticeDeclaresNoTopicOrCAP() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crier-notice-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = folder.appendingPathComponent("welcome")
        try FileManager.default.createDirectory(at: template, withIntermediateDirectories: true)
        try """
        id: welcome
        kind: notice
        topic: scams
        title: Welcome
        description: A test notice.
        locales: [en]
        """.write(to: template.appendingPathComponent("template.yml"), atomically: true, encoding: .utf8)
        for part in ["subject", "text", "html"] {
            try "Welcome".write(
                to: template.appendingPathComponent("\(part).en.mustache"), atomically: true, encoding: .utf8)
        }
        let error = #expect(throws: (any Error).self) { try TemplateLibrary.load(from: folder) }
        #expect(
            "\(error.map { "\($0)" } ?? "")".contains("welcome/template.yml:3: key 'topic': a notice is not an alert"),
            "\(String(describing: error))")
    }
}
