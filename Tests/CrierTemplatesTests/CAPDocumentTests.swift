import CrierCore
import CrierTemplates
import Foundation
import Testing

@Suite("CAP document fields")
struct CAPDocumentTests {
    static var capTimePattern: Regex<Substring> {
        /[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[-+][0-9]{2}:[0-9]{2}/
    }

    struct TimeCase: Sendable, CustomTestStringConvertible {
        var date: Date
        var zone: String
        var expected: String
        var testDescription: String { expected }
    }

    @Test(
        "sent uses the zone's offset at that instant, never Z",
        arguments: [
            TimeCase(date: CAPSamples.winter, zone: "Europe/London", expected: "2026-11-26T16:40:00+00:00"),
            TimeCase(date: CAPSamples.summer, zone: "Europe/London", expected: "2026-07-01T13:00:00+01:00"),
            TimeCase(date: CAPSamples.summer, zone: "America/New_York", expected: "2026-07-01T08:00:00-04:00"),
            TimeCase(
                date: CAPSamples.winter.addingTimeInterval(0.9), zone: "UTC", expected: "2026-11-26T16:40:00+00:00"),
            TimeCase(date: CAPSamples.winter, zone: "Asia/Kolkata", expected: "2026-11-26T22:10:00+05:30"),
        ])
    func sentFormat(_ row: TimeCase) throws {
        let zone = try #require(TimeZone(identifier: row.zone))
        let text = CAPTime.string(row.date, in: zone)
        #expect(text == row.expected)
        #expect(text.wholeMatch(of: Self.capTimePattern) != nil)
        #expect(!text.hasSuffix("Z"))
    }

    @Test(
        "sent in the document matches the pattern in summer and winter",
        arguments: [CAPSamples.summer, CAPSamples.winter])
    func documentSent(date: Date) throws {
        let xml = try CAPDocument(CAPSamples.input(kind: .alert, sent: date)).xml()
        let sent = try #require(try ExternalCheck.texts("sent", in: xml).first)
        #expect(sent.wholeMatch(of: Self.capTimePattern) != nil)
        let expires = try #require(try ExternalCheck.texts("expires", in: xml).first)
        #expect(expires.wholeMatch(of: Self.capTimePattern) != nil)
    }

    @Test("references list sender,identifier,sent of every earlier message, space separated")
    func references() throws {
        let xml = try CAPDocument(CAPSamples.input(kind: .cancel)).xml()
        #expect(
            try ExternalCheck.texts("references", in: xml) == [
                "alerts@example.org,msg_1,2026-11-26T16:40:00+00:00 alerts@example.org,msg_2,2026-11-26T16:50:00+00:00"
            ])
        let alert = try CAPDocument(CAPSamples.input(kind: .alert)).xml()
        #expect(try ExternalCheck.texts("references", in: alert).isEmpty)
    }

    @Test("an update or cancel without references is refused", arguments: [MessageKind.update, .cancel])
    func missingReferences(kind: MessageKind) {
        var input = CAPSamples.input(kind: kind)
        input.references = []
        #expect(throws: CAPDocumentError.self) { try CAPDocument(input) }
    }

    @Test(
        "identifiers, senders and languages CAP cannot carry are refused",
        arguments: [
            ("identifier", "msg 1"), ("identifier", "msg,1"), ("identifier", ""), ("sender", "a&b"),
            ("language", "en_GB!"),
        ])
    func invalidTokens(field: String, value: String) {
        var input = CAPSamples.input(kind: .alert)
        switch field {
        case "identifier": input.identifier = value
        case "sender": input.sender = value
        default: input.infos[0].language = value
        }
        #expect(throws: CAPDocumentError.self) { try CAPDocument(input) }
    }

    @Test(
        "areaDesc stays under 50 characters",
        arguments: [
            ("East NPA", "East NPA"),
            ("  West\nNPA  ", "West NPA"),
            (
                "Belgrave, Rushey Mead, Humberstone and Hamilton Neighbourhood Policing Area",
                "Belgrave, Rushey Mead, Humberstone and Hamilton…"
            ),
            (String(repeating: "x", count: 80), String(repeating: "x", count: 48) + "…"),
        ])
    func areaDescription(name: String, expected: String) {
        let text = CAPAreaDescription.text(for: name)
        #expect(text == expected)
        #expect(text.unicodeScalars.count < 50)
    }

    @Test("built from a message: prefix-free headline, body without footer, generic or given instruction")
    func fromMessage() throws {
        let message = MessageRecord(
            id: "msg_abc", kind: .alert, status: .test, template: "courier-fraud", topic: "scams",
            areas: ["city"], priority: .urgent, headline: "[TEST] Courier fraud", proposedBy: "ops",
            createdAt: CAPSamples.summer, expiresAt: CAPSamples.summer.addingTimeInterval(3600))
        let text =
            "Courier fraud\n\n\n\nCriminals are phoning.\n\n--\nHow to report:\n- call 101\nStop these messages: https://x"
        let parts = ["en", "pl"].map { locale in
            RenderedParts(
                template: "courier-fraud", locale: locale, subject: "[TEST] Courier fraud \(locale)", text: text,
                html: "", webhook: Data())
        }
        let profile = CAPProfile(
            sender: "alerts@example.org", senderName: "Safer Leicester Partnership", timeZone: CAPSamples.london,
            webURLPattern: "https://example.org/alerts/{id}")
        let areas = CAPAlertInput.targetAreas(["city"], configured: CAPSamples.areas)
        #expect(areas == CAPSamples.areas)
        let generic = CAPAlertInput(
            message: message, parts: parts, cap: CAPSamples.security, areas: areas, references: [], profile: profile)
        #expect(generic.infos.map(\.language) == ["en-GB", "pl"])
        #expect(generic.infos.map(\.headline) == ["Courier fraud en", "Courier fraud pl"])
        #expect(generic.infos[0].description == "Courier fraud\n\nCriminals are phoning.")
        #expect(generic.infos[0].instruction == CAPInstruction.generic(for: .avoid))
        #expect(generic.infos[0].web == "https://example.org/alerts/msg_abc")
        #expect(generic.infos[0].contact == CAPProfile.defaultContact)
        #expect(generic.infos[0].expires == message.expiresAt)
        #expect(generic.status == .test)
        let given = CAPAlertInput(
            message: message, parts: parts, cap: CAPSamples.security, areas: areas, references: [], profile: profile,
            instruction: "Hang up.")
        #expect(given.infos.allSatisfy { $0.instruction == "Hang up." })
        let xml = try CAPDocument(given).xml()
        #expect(try ExternalCheck.validateCAP(xml).status == 0)
        #expect(try ExternalCheck.texts("status", in: xml) == ["Test"])
    }
}
