import CrierCore
import CrierTemplates
import Foundation
import Testing

@testable import CrierRuntime

/// Shipped schedules repeat the same words for weeks or months, so what they send must not claim a
/// current event ("today", "recent", "we have reports"): such a fact can only come from a variable
/// an operator sets when it is true.
@Suite("shipped schedule wording")
struct ShippedScheduleWordingTests {
    /// Words that date a message: true on the day it was written, misleading a fortnight later.
    static let datedPhrases = [
        "today", "tonight", "this week", "this weekend", "recent", "we have reports", "we have had reports",
        "currently", "right now", "at the moment",
    ]

    /// The shipped campaign schedules (bulletins are composed from the advice actually sent), by id.
    static let campaigns: [String] = {
        let folder = ScheduleTestSupport.root.appendingPathComponent("schedules")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yml") && !$0.hasPrefix("bulletin-") }.map { String($0.dropLast(4)) }
            .sorted()
    }()

    @Test("the shipped campaign schedules are all checked")
    func listed() {
        #expect(Self.campaigns.count >= 8)
        #expect(Self.campaigns.contains("winter-doorstep-crime"))
    }

    @Test("a shipped schedule's messages state no dated facts, in any locale or part", arguments: campaigns)
    func noDatedFacts(_ id: String) throws {
        let configuration = try ScheduleTestSupport.configuration()
        let library = try ScheduleTestSupport.library()
        let url = configuration.schedulesDirectory.appendingPathComponent("\(id).yml")
        let schedule = try ScheduleLoader.parse(
            try String(contentsOf: url, encoding: .utf8), file: "schedules/\(id).yml", configuration: configuration,
            library: library)
        #expect(schedule.kind == .campaign)
        let metadata = try #require(library.metadata(for: schedule.template))
        let context = RenderContext(
            areas: [.init(id: "central", name: "Central NPA")], senderName: "Safer Leicester Partnership",
            sent: ScheduleTestSupport.utc("2026-12-01T11:00:00Z"), unsubscribeURL: "https://example.org/u/abc")
        for locale in metadata.locales {
            let parts = try library.render(
                template: schedule.template, locale: locale, variables: schedule.variables, context: context)
            let said = [parts.subject, parts.text, parts.html, String(decoding: parts.webhook, as: UTF8.self)]
                .joined(separator: "\n").lowercased()
            for phrase in Self.datedPhrases {
                #expect(!said.contains(phrase), "\(id) (\(locale)) says \"\(phrase)\"")
            }
        }
        // The schedule's own words, whatever language the template renders them in.
        for (name, value) in schedule.variables {
            guard case .text(let text) = value else { continue }
            for phrase in Self.datedPhrases {
                #expect(!text.lowercased().contains(phrase), "\(id): vars.\(name) says \"\(phrase)\"")
            }
        }
    }
}
