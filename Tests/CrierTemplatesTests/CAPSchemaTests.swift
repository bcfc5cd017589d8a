import CrierCore
import CrierTemplates
import Foundation
import Testing

/// Runs the real validators the published files must satisfy: `xmllint` against `cap12.xsd`, and Python.
enum ExternalCheck {
    struct Result {
        var status: Int32
        var output: String
    }

    /// The OASIS CAP 1.2 schema from the shared test data beside the repository (`../shared/cap/`).
    static var schema: URL {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared =
            ProcessInfo.processInfo.environment["CRIER_SHARED_DIR"].map { URL(fileURLWithPath: $0) }
            ?? repository.deletingLastPathComponent().appendingPathComponent("shared")
        return shared.appendingPathComponent("cap/cap12.xsd")
    }

    static var python: String { ProcessInfo.processInfo.environment["CRIER_PYTHON"] ?? "python3" }

    /// Runs `arguments` (looked up on `PATH`) with `input` on standard input.
    static func run(_ arguments: [String], input: String = "") throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Writes `xml` to a temporary file and validates it with `xmllint --schema`.
    static func validateCAP(_ xml: String) throws -> Result {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cap-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try run(["xmllint", "--noout", "--schema", schema.path, file.path])
    }

    /// The text of every element named `name` (in the CAP namespace), as Python's XML parser reads it, as JSON.
    static func texts(_ name: String, in xml: String) throws -> [String] {
        let script = """
            import sys, json, xml.etree.ElementTree as E
            root = E.fromstring(sys.stdin.buffer.read())
            print(json.dumps([e.text or '' for e in root.iter('{urn:oasis:names:tc:emergency:cap:1.2}\(name)')]))
            """
        let result = try run([python, "-c", script], input: xml)
        guard result.status == 0 else { throw CheckFailed(output: result.output) }
        return try JSONDecoder().decode([String].self, from: Data(result.output.utf8))
    }

    /// Parses an Atom feed with `feedparser`: bozo flag, entry count and the first entry, as JSON.
    static func feedparser(_ xml: String) throws -> FeedSummary {
        let script = """
            import sys, json, feedparser
            d = feedparser.parse(sys.stdin.buffer.read())
            first = d.entries[0] if d.entries else {}
            print(json.dumps({'bozo': int(d.bozo), 'reason': str(d.get('bozo_exception', '')),
                'version': d.version, 'entries': len(d.entries), 'title': d.feed.get('title', ''),
                'ids': [e.get('id', '') for e in d.entries],
                'firstTitle': first.get('title', ''), 'firstSummary': first.get('summary', ''),
                'firstLinks': [[l.get('rel', ''), l.get('type', ''), l.get('href', '')] for l in first.get('links', [])],
                'firstUpdated': first.get('updated', ''), 'firstPublished': first.get('published', '')}))
            """
        let result = try run([python, "-c", script], input: xml)
        guard result.status == 0 else { throw CheckFailed(output: result.output) }
        return try JSONDecoder().decode(FeedSummary.self, from: Data(result.output.utf8))
    }

    struct FeedSummary: Decodable {
        var bozo: Int
        var reason: String
        var version: String
        var entries: Int
        var title: String
        var ids: [String]
        var firstTitle: String
        var firstSummary: String
        var firstLinks: [[String]]
        var firstUpdated: String
        var firstPublished: String
    }

    struct CheckFailed: Error, CustomStringConvertible {
        var output: String
        var description: String { output }
    }
}

/// Inputs the CAP tests share.
enum CAPSamples {
    static let london = TimeZone(identifier: "Europe/London") ?? .gmt
    /// Thursday 26 November 2026, 16:40 UTC (winter: +00:00).
    static let winter = Date(timeIntervalSince1970: 1_795_711_200)
    /// Wednesday 1 July 2026, 12:00 UTC (summer: +01:00).
    static let summer = Date(timeIntervalSince1970: 1_782_907_200)

    static let security = CAPInfo(
        category: .security, event: "Courier fraud", urgency: .immediate, severity: .severe, certainty: .observed,
        responseType: .avoid)

    static let areas = [
        Area(id: "east", name: "East NPA", polygon: "52.63,-1.10 52.64,-1.05 52.61,-1.04 52.63,-1.10"),
        Area(id: "central", name: "Central NPA"),
    ]

    static func info(_ language: String, headline: String = "Callers pretending to be police") -> CAPInfoInput {
        CAPInfoInput(
            language: language, cap: security, headline: headline,
            description: "Criminals are phoning people.\n\nHang up.", instruction: "Hang up and call 101.",
            web: "https://example.org/alerts/msg_1", contact: CAPProfile.defaultContact,
            senderName: "Safer Leicester Partnership", expires: winter.addingTimeInterval(86_400))
    }

    static func input(
        kind: MessageKind, languages: [String] = ["en-GB", "pl"], sent: Date = winter, status: AlertStatus = .actual
    ) -> CAPAlertInput {
        let references: [CAPReference] =
            switch kind {
            case .alert: []
            case .update: [CAPReference(sender: "alerts@example.org", identifier: "msg_1", sent: winter)]
            case .cancel:
                [
                    CAPReference(sender: "alerts@example.org", identifier: "msg_1", sent: winter),
                    CAPReference(
                        sender: "alerts@example.org", identifier: "msg_2", sent: winter.addingTimeInterval(600)),
                ]
            }
        return CAPAlertInput(
            identifier: "msg_\(kind.rawValue)", sender: "alerts@example.org", sent: sent, timeZone: london,
            status: status, kind: kind, references: references, infos: languages.map { info($0) }, areas: areas)
    }
}

@Suite("CAP documents validate against cap12.xsd")
struct CAPSchemaTests {
    @Test("alert, update and cancel in two locales", arguments: MessageKind.allCases, AlertStatus.allCases)
    func validates(kind: MessageKind, status: AlertStatus) throws {
        let document = try CAPDocument(CAPSamples.input(kind: kind, status: status))
        let xml = document.xml()
        let result = try ExternalCheck.validateCAP(xml)
        #expect(result.status == 0, "\(result.output)\n\(xml)")
        #expect(try ExternalCheck.texts("language", in: xml) == ["en-GB", "pl"])
        #expect(try ExternalCheck.texts("msgType", in: xml) == [CAPDocument.msgType(kind)])
        #expect(try ExternalCheck.texts("status", in: xml) == [CAPDocument.status(status)])
        #expect(try ExternalCheck.texts("scope", in: xml) == ["Public"])
        #expect(try ExternalCheck.texts("areaDesc", in: xml) == ["East NPA", "Central NPA", "East NPA", "Central NPA"])
        #expect(try ExternalCheck.texts("valueName", in: xml) == Array(repeating: "NPA", count: 4))
        #expect(try ExternalCheck.texts("value", in: xml) == ["east", "central", "east", "central"])
        #expect(try ExternalCheck.texts("polygon", in: xml).count == 2)
    }

    @Test("hostile values are escaped or stripped, and the document stays valid")
    func hostileValues() throws {
        let hostile = "Tom & Jerry <script>alert(\"x\")</script> it's 🚨\u{7}\u{0}\u{1B}[0m \u{FFFE}end\r\nnext"
        var input = CAPSamples.input(kind: .alert)
        input.infos = input.infos.map { info in
            var info = info
            info.headline = hostile
            info.description = hostile
            info.instruction = hostile
            info.contact = hostile
            info.senderName = hostile
            info.cap.event = hostile
            return info
        }
        input.areas = [Area(id: "east", name: hostile)]
        let xml = try CAPDocument(input).xml()
        let result = try ExternalCheck.validateCAP(xml)
        #expect(result.status == 0, "\(result.output)\n\(xml)")
        let expected = "Tom & Jerry <script>alert(\"x\")</script> it's 🚨[0m end\r\nnext"
        #expect(try ExternalCheck.texts("headline", in: xml) == [expected, expected])
        #expect(try ExternalCheck.texts("event", in: xml) == [expected, expected])
        #expect(!xml.contains("<script>"))
        let area = try ExternalCheck.texts("areaDesc", in: xml)
        #expect(area.allSatisfy { $0.unicodeScalars.count < 50 })
    }

    @Test("an incomplete document is rejected, so the validator is real")
    func incompleteDocumentRejected() throws {
        let invalid = """
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier></alert>
            """
        #expect(try ExternalCheck.validateCAP(invalid).status != 0)
    }
}
