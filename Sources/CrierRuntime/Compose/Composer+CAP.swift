import CrierCore
import CrierStore
import CrierTemplates
import Foundation

/// The rendition locale under which a message's CAP document is stored: one CAP document carries
/// every language as its own `<info>`, so it is not per locale.
public enum CAPRendition {
    public static let locale = "cap"
    public static let contentType = "application/cap+xml"
}

/// The rendition locale of the email partner mailboxes (email endpoints) receive: the message
/// without a resident's unsubscribe link or name.
public enum PartnerRendition {
    public static let locale = "partner"
}

extension Composer {
    /// The OASIS CAP 1.2 document for `message`, with one `<info>` per rendered locale and the
    /// `<references>` of every message it updates or cancels.
    func capDocument(
        for message: MessageRecord, parts: [RenderedParts], metadata: TemplateMetadata, areaIDs: [String],
        instruction: String?
    ) throws -> Data {
        let configuration = system.configuration
        let profile = CAPProfile(
            sender: configuration.capSender, senderName: configuration.senderName, timeZone: configuration.timeZone)
        let input = CAPAlertInput(
            message: message, parts: parts, cap: metadata.cap.classified(as: message.cap),
            areas: CAPAlertInput.targetAreas(areaIDs, configured: configuration.areas),
            references: try references(of: message.references), profile: profile, instruction: instruction)
        do {
            return Data(try CAPDocument(input).xml().utf8)
        } catch {
            throw CompositionError.notCAP(template: metadata.id, reason: "\(error)")
        }
    }

    /// The chain of messages `id` continues, oldest first, as CAP references.
    func references(of id: String?) throws -> [CAPReference] {
        var chain: [CAPReference] = []
        var next = id
        var seen = Set<String>()
        while let current = next, seen.insert(current).inserted {
            guard let original = try system.outbox.message(id: current) else {
                throw CompositionError.unknownAlertID(current)
            }
            chain.insert(
                CAPReference(sender: system.configuration.capSender, identifier: original.id, sent: original.createdAt),
                at: 0)
            next = original.references
        }
        return chain
    }
}
