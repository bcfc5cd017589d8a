import CrierCore
import CrierStore
import CrierTemplates
import CrierTestSupport
import Foundation
import Testing

@testable import CrierRuntime

/// Scheduled reminders say in CAP what they are (`Future`, `Minor`, `Likely` unless the schedule's
/// `cap:` says otherwise), when composed and when published; operator alerts keep the template's.
@Suite("schedule CAP classification")
struct ScheduleCAPTests {
    typealias Support = ScheduleTestSupport

    static let reminder = """
        template: courier-fraud
        areas: [city]
        cron: "0 11 * * *"
        vars: { pretend_to_be: "police officers" }
        """

    /// The text of the first `<name>` element of a CAP document.
    static func element(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"),
            let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[start.upperBound..<end.lowerBound])
    }

    /// The urgency, severity and certainty a CAP document gives, in that order.
    static func classification(_ xml: String) -> [String?] {
        ["urgency", "severity", "certainty"].map { element($0, in: xml) }
    }

    /// `xmllint --schema cap12.xsd` on `xml`.
    static func validate(_ xml: String) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cap-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try PublishedFileChecks.run([
            "xmllint", "--noout", "--schema", PublishedFileChecks.capSchema.path, file.path,
        ])
    }

    @Test("cap: defaults: a campaign's missing fields take the reminder's, a bulletin's its template's")
    func loaderDefaults() async throws {
        let plain = try Support.schedule("plain", Self.reminder)
        #expect(plain.cap == nil)
        #expect(plain.messageCAP == CAPClassification(urgency: "Future", severity: "Minor", certainty: "Likely"))

        let partial = try Support.schedule("partial", Self.reminder + "\ncap: { severity: Moderate }")
        #expect(partial.messageCAP == CAPClassification(urgency: "Future", severity: "Moderate", certainty: "Likely"))

        let bulletin = try Support.schedule(
            "weekly", "kind: bulletin\nareas: [west]\ncron: \"0 9 * * MON\"\ncap:\n  urgency: Expected")
        #expect(bulletin.messageCAP == CAPClassification(urgency: "Expected", severity: "Minor", certainty: "Observed"))
        let plainBulletin = try Support.schedule("weekly", "kind: bulletin\nareas: [west]\ncron: \"0 9 * * MON\"")
        #expect(plainBulletin.messageCAP == nil)
    }

    @Test("a scheduled reminder is stored, composed and published as Future / Minor / Likely")
    func scheduledReminder() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-11-15T09:00:00Z"), format: "cap")
        let schedule = try Support.schedule("winter", Self.reminder)
        let scheduler = try Support.scheduler(system, [schedule])
        _ = await scheduler.tick()
        clock.set(Support.utc("2026-11-15T11:00:00Z"))
        let id = try #require(await scheduler.tick().fired.first?.messageID)

        let message = try #require(try system.outbox.message(id: id))
        #expect(message.cap == .scheduledReminder)
        let capRendition = try #require(
            try system.outbox.renditions(messageID: id).first { $0.locale == CAPRendition.locale })
        let xml = String(decoding: capRendition.payload, as: UTF8.self)
        #expect(Self.classification(xml) == ["Future", "Minor", "Likely"])
        let lint = try Self.validate(xml)
        #expect(lint.status == 0, "\(lint.output)")

        let published = try PublishableAlert.load(
            from: system.outbox, templates: try Support.library(),
            settings: PublishSettings(configuration: system.configuration), now: clock.now())
        let alert = try #require(published.first { $0.message.id == id })
        #expect(alert.cap.urgency == .future && alert.cap.severity == .minor && alert.cap.certainty == .likely)
        #expect(alert.cap.event == "Courier fraud")  // the rest is still the template's
    }

    @Test("a schedule's cap: is what its messages say; an operator alert keeps the template's values")
    func explicitAndOperator() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-11-15T09:00:00Z"), format: "cap")
        let schedule = try Support.schedule(
            "winter", Self.reminder + "\ncap: { urgency: Expected, severity: Moderate, certainty: Possible }")
        let scheduler = try Support.scheduler(system, [schedule])
        _ = await scheduler.tick()
        clock.set(Support.utc("2026-11-15T11:00:00Z"))
        let id = try #require(await scheduler.tick().fired.first?.messageID)
        let scheduled = try #require(
            try system.outbox.renditions(messageID: id).first { $0.locale == CAPRendition.locale })
        #expect(
            Self.classification(String(decoding: scheduled.payload, as: UTF8.self)) == [
                "Expected", "Moderate", "Possible",
            ])

        let composer = Composer(system: system, library: try Support.library())
        let alert = try await composer.compose(
            CompositionRequest(
                template: "courier-fraud", areas: ["central"], variables: ["pretend_to_be": "police officers"],
                proposedBy: "duty officer"))
        #expect(try system.outbox.message(id: alert.id)?.cap == nil)
        let renditions = try system.outbox.renditions(messageID: alert.id)
        let xml = String(
            decoding: try #require(renditions.first { $0.locale == CAPRendition.locale }).payload, as: UTF8.self)
        #expect(Self.classification(xml) == ["Immediate", "Severe", "Observed"])
        let published = try PublishableAlert.load(
            from: system.outbox, templates: try Support.library(),
            settings: PublishSettings(configuration: system.configuration), now: clock.now())
        #expect(published.first { $0.message.id == alert.id }?.cap.urgency == .immediate)
    }

    @Test("the default JSON webhook body of a scheduled reminder carries its classification too")
    func jsonBody() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-11-15T09:00:00Z"))
        let scheduler = try Support.scheduler(system, [try Support.schedule("winter", Self.reminder)])
        _ = await scheduler.tick()
        clock.set(Support.utc("2026-11-15T11:00:00Z"))
        let id = try #require(await scheduler.tick().fired.first?.messageID)
        let webhook = try #require(
            try system.outbox.renditions(messageID: id).first { $0.channel == .webhook && $0.locale == "en" })
        let body = try #require(try JSONSerialization.jsonObject(with: webhook.payload) as? [String: Any])
        #expect(body["urgency"] as? String == "Future")
        #expect(body["severity"] as? String == "Minor")
        #expect(body["certainty"] as? String == "Likely")
    }
}
