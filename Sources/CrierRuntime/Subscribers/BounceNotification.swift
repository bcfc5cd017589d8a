import CrierStore
import Foundation

/// What one message in the bounce mailbox says: the recipients an RFC 3464 delivery status
/// notification reports as failed or delayed, or the recipient of an RFC 5965 abuse report;
/// otherwise why it is not a bounce.
///
/// | report | recipient's fields | kind |
/// |---|---|---|
/// | `delivery-status` | `Action: failed`, `Status: 5.x.x` (or no status) | hard |
/// | `delivery-status` | `Action: failed` with `4.x.x`, or `Action: delayed` | soft |
/// | `delivery-status` | `Action: delivered`, `relayed`, `expanded` | not a bounce |
/// | `feedback-report` | `Original-Rcpt-To` (else the reported message's `To`) | complaint |
///
/// The status part may be RFC 6533's `message/global-delivery-status` (internationalised addresses).
struct BounceNotification {
    /// One recipient the message reports.
    struct Finding: Equatable {
        let email: String
        let kind: BounceKind
        /// The status code and the remote server's words, as far as the report gives them.
        let reason: String
    }

    enum Reading: Equatable {
        case bounces([Finding])
        case notABounce(String)
    }

    /// Reads `text`, a whole message as stored in a Maildir file.
    static func read(_ text: String) -> Reading {
        let message = MailMessage(text)
        guard let report = findReport(in: message, depth: 0) else {
            return .notABounce("not a delivery status notification (Content-Type \(message.mediaType))")
        }
        let reportType = report.contentTypeParameter("report-type")?.lowercased() ?? ""
        let parts = report.parts
        switch reportType {
        case "delivery-status":
            let statusTypes = ["message/delivery-status", "message/global-delivery-status"]
            guard let status = parts.first(where: { statusTypes.contains($0.mediaType) }) else {
                return .notABounce("a delivery-status report without a message/delivery-status part")
            }
            let findings = deliveryStatus(status.decodedBody)
            guard !findings.isEmpty else {
                return .notABounce("reports no failed or delayed recipient")
            }
            return .bounces(findings)
        case "feedback-report":
            guard let feedback = parts.first(where: { $0.mediaType == "message/feedback-report" }) else {
                return .notABounce("a feedback report without a message/feedback-report part")
            }
            let fields = MailMessage.fields(
                Substring(feedback.decodedBody.replacingOccurrences(of: "\r\n", with: "\n")))
            let type = fields.first { $0.name == "feedback-type" }?.value ?? "abuse"
            var recipient = fields.first { $0.name == "original-rcpt-to" }?.value
            if recipient == nil, parts.count > 2 {
                let original = MailMessage(parts[2].decodedBody)
                recipient = original.header("to")
            }
            guard let email = recipient.flatMap(address) else {
                return .notABounce("a feedback report that names no recipient")
            }
            return .bounces([Finding(email: email, kind: .complaint, reason: "feedback report: \(type)")])
        default:
            return .notABounce("a report of type \"\(reportType)\", not delivery-status or feedback-report")
        }
    }

    /// The `multipart/report` in `message` or (for relays that wrap it) in one of its parts.
    private static func findReport(in message: MailMessage, depth: Int) -> MailMessage? {
        if message.mediaType == "multipart/report" { return message }
        guard depth < 3, message.mediaType.hasPrefix("multipart/") else { return nil }
        for part in message.parts {
            if let found = findReport(in: part, depth: depth + 1) { return found }
        }
        return nil
    }

    /// The failed and delayed recipients of a `message/delivery-status` body: groups of fields
    /// separated by blank lines, the first about the message, the rest one per recipient.
    static func deliveryStatus(_ body: String) -> [Finding] {
        let groups = body.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
        var findings: [Finding] = []
        for group in groups {
            let fields = MailMessage.fields(Substring(group.trimmingCharacters(in: .newlines)))
            func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }
            guard let recipientField = value("final-recipient") ?? value("original-recipient"),
                let email = address(recipientField)
            else { continue }
            let action = value("action")?.lowercased() ?? ""
            let status = value("status") ?? ""
            let kind: BounceKind
            switch action {
            case "failed": kind = status.hasPrefix("4") ? .soft : .hard
            case "delayed": kind = .soft
            default: continue
            }
            var reason = status.isEmpty ? action : status
            if let diagnostic = value("diagnostic-code") {
                reason += " " + diagnostic
            }
            findings.append(Finding(email: email, kind: kind, reason: String(reason.prefix(500))))
        }
        return findings
    }

    /// The address in `rfc822; user@example.org`, `<user@example.org>` or a `To` value.
    static func address(_ field: String) -> String? {
        var text = Substring(field)
        if let semicolon = text.firstIndex(of: ";") { text = text[text.index(after: semicolon)...] }
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            text = text[text.index(after: open)..<close]
        }
        let address = text.trimmingCharacters(in: .whitespaces)
        guard address.contains("@"), !address.contains(" ") else { return nil }
        return address
    }
}
