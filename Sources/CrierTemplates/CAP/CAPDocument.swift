public import CrierCore
import Foundation

/// An OASIS CAP 1.2 alert message, valid against `cap12.xsd`, built from plain values.
public struct CAPDocument: Sendable, Hashable {
    /// The CAP 1.2 XML namespace.
    public static let namespace = "urn:oasis:names:tc:emergency:cap:1.2"
    /// The geocode `valueName` under which the area id is published.
    public static let areaGeocodeName = "NPA"

    public let input: CAPAlertInput

    /// Checks the values CAP restricts (identifier, sender, language tags, references of updates and cancels).
    public init(_ input: CAPAlertInput) throws {
        for (field, value) in [("identifier", input.identifier), ("sender", input.sender)]
            + input.references.flatMap({ [("references sender", $0.sender), ("references identifier", $0.identifier)] })
        where !Self.isToken(value) {
            throw CAPDocumentError.invalidToken(field: field, value: value)
        }
        for info in input.infos where !Self.isLanguageTag(info.language) {
            throw CAPDocumentError.invalidLanguage(info.language)
        }
        if input.kind != .alert, input.references.isEmpty {
            throw CAPDocumentError.missingReferences(identifier: input.identifier, msgType: Self.msgType(input.kind))
        }
        self.input = input
    }

    /// The CAP `status` word for an alert status.
    public static func status(_ status: AlertStatus) -> String {
        switch status {
        case .actual: "Actual"
        case .exercise: "Exercise"
        case .test: "Test"
        }
    }

    /// The CAP `msgType` word for a message kind.
    public static func msgType(_ kind: MessageKind) -> String {
        switch kind {
        case .alert: "Alert"
        case .update: "Update"
        case .cancel: "Cancel"
        }
    }

    /// The sending time as CAP writes it.
    public var sentText: String { CAPTime.string(input.sent, in: input.timeZone) }

    /// The document as XML 1.0 in UTF-8, elements in the schema's order, every value escaped.
    public func xml() -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<alert xmlns=\"\(Self.namespace)\">"]
        func element(_ name: String, _ value: String, indent: Int, omitEmpty: Bool = false) {
            let clean = XMLText.escape(value.trimmingCharacters(in: .whitespacesAndNewlines))
            if omitEmpty, clean.isEmpty { return }
            lines.append(String(repeating: "  ", count: indent) + "<\(name)>\(clean)</\(name)>")
        }
        element("identifier", input.identifier, indent: 1)
        element("sender", input.sender, indent: 1)
        element("sent", sentText, indent: 1)
        element("status", Self.status(input.status), indent: 1)
        element("msgType", Self.msgType(input.kind), indent: 1)
        element("scope", "Public", indent: 1)
        if !input.references.isEmpty {
            element(
                "references", input.references.map { $0.text(in: input.timeZone) }.joined(separator: " "), indent: 1)
        }
        for info in input.infos {
            lines.append("  <info>")
            element("language", info.language, indent: 2)
            element("category", info.cap.category.rawValue, indent: 2)
            element("event", info.cap.event, indent: 2)
            element("responseType", info.cap.responseType.rawValue, indent: 2)
            element("urgency", info.cap.urgency.rawValue, indent: 2)
            element("severity", info.cap.severity.rawValue, indent: 2)
            element("certainty", info.cap.certainty.rawValue, indent: 2)
            if let expires = info.expires {
                element("expires", CAPTime.string(expires, in: input.timeZone), indent: 2)
            }
            element("senderName", info.senderName, indent: 2, omitEmpty: true)
            element("headline", info.headline, indent: 2, omitEmpty: true)
            element("description", info.description, indent: 2, omitEmpty: true)
            element("instruction", info.instruction, indent: 2, omitEmpty: true)
            element("web", info.web, indent: 2, omitEmpty: true)
            element("contact", info.contact, indent: 2, omitEmpty: true)
            for area in input.areas {
                lines.append("    <area>")
                element("areaDesc", CAPAreaDescription.text(for: area.name), indent: 3)
                if let polygon = area.polygon {
                    element("polygon", polygon, indent: 3, omitEmpty: true)
                }
                lines.append("      <geocode>")
                element("valueName", Self.areaGeocodeName, indent: 4)
                element("value", area.id, indent: 4)
                lines.append("      </geocode>")
                lines.append("    </area>")
            }
            lines.append("  </info>")
        }
        lines.append("</alert>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// CAP forbids spaces, commas, `<` and `&` in identifiers and senders (they delimit `references`).
    static func isToken(_ value: String) -> Bool {
        !value.isEmpty
            && !value.unicodeScalars.contains {
                $0 == "," || $0 == "<" || $0 == "&" || $0.properties.isWhitespace || $0.value < 0x20
            }
    }

    /// `xs:language`: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
    static func isLanguageTag(_ value: String) -> Bool {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count),
            first.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count)
                && part.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
                }
        }
    }
}
