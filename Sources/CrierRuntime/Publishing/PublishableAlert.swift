public import CrierCore
public import CrierTemplates
import Foundation

/// One outbox message ready to publish: the record (with its lifecycle state), its renditions and its CAP classification.
public struct PublishableAlert: Sendable, Equatable {
    public var message: MessageRecord
    public var renditions: [Rendition]
    /// From the template's metadata (`PublishableAlert.fallbackCAP` when the template is gone).
    public var cap: CAPInfo
    /// The message's `instruction` variable, if it had one.
    public var instruction: String?

    /// Creates a publishable alert.
    public init(message: MessageRecord, renditions: [Rendition], cap: CAPInfo, instruction: String? = nil) {
        self.message = message
        self.renditions = renditions
        self.cap = cap
        self.instruction = instruction
    }

    /// The classification used for a message whose template no longer exists.
    public static func fallbackCAP(topic: String) -> CAPInfo {
        CAPInfo(
            category: .safety, event: topic, urgency: .unknown, severity: .unknown, certainty: .unknown,
            responseType: .none)
    }

    /// The `instruction` variable from a message's variables JSON, if it is a non-empty string.
    public static func instruction(fromVariablesJSON json: String) -> String? {
        variable("instruction", fromVariablesJSON: json)
    }

    /// The text variable `name` from a message's variables JSON, if it is a non-empty string.
    public static func variable(_ name: String, fromVariablesJSON json: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let text = object[name] as? String,
            !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return nil }
        return text
    }

    /// The rendered parts per locale, English first: the email rendition of each locale, else the
    /// webhook one; when a message has none, one `en` part from its headline.
    public var parts: [RenderedParts] {
        var byLocale: [String: Rendition] = [:]
        for rendition in renditions {
            if let existing = byLocale[rendition.locale], existing.channel == .email { continue }
            byLocale[rendition.locale] = rendition
        }
        let locales = byLocale.keys.sorted { lhs, rhs in
            (lhs == "en" ? 0 : 1, lhs) < (rhs == "en" ? 0 : 1, rhs)
        }
        let parts = locales.compactMap { locale -> RenderedParts? in
            guard let rendition = byLocale[locale] else { return nil }
            let subject = rendition.subject.isEmpty ? message.headline : rendition.subject
            return RenderedParts(
                template: message.template, locale: locale, subject: subject, text: rendition.textBody,
                html: rendition.htmlBody, webhook: rendition.payload)
        }
        if !parts.isEmpty { return parts }
        return [
            RenderedParts(
                template: message.template, locale: "en", subject: message.headline, text: "", html: "",
                webhook: Data())
        ]
    }
}
