public import CrierCore
import Crypto
public import Foundation

/// Builds the RFC 5322 message for one email delivery, byte-identical for the same delivery.
///
/// Headers: `Date` (the composition time), `From`, `To`, `Subject` (RFC 2047 when needed),
/// `Message-ID: <idempotencyKey@from-domain>`, `MIME-Version`, `List-Unsubscribe` and
/// `List-Unsubscribe-Post` (RFC 8058) when the delivery has an unsubscribe link; the body is
/// multipart/alternative with quoted-printable UTF-8 text and HTML parts. Lines end in CRLF; curl
/// does the SMTP dot-stuffing.
public struct EmailMessageBuilder: Sendable {
    /// The sender mailbox for the `From` header.
    public let from: EmailAddress

    /// Makes a builder sending as `from` (`Name <address>` or a bare address).
    public init(from: String) throws(EmailMessageError) {
        self.from = try EmailAddress(parsing: from, field: "From")
    }

    /// Makes a builder sending as an already parsed mailbox.
    public init(from: EmailAddress) {
        self.from = from
    }

    /// Checks every header value and address of `delivery` without building anything.
    public func validate(_ delivery: OutboundDelivery) throws(EmailMessageError) {
        _ = try EmailAddress(name: delivery.recipientName, address: delivery.destination, field: "To")
        try Self.validateHeaderValue(delivery.subject, field: "Subject")
        try Self.validateHeaderValue(delivery.idempotencyKey, field: "Message-ID")
        guard !delivery.idempotencyKey.isEmpty else { throw .empty("Message-ID") }
        guard !delivery.idempotencyKey.contains(where: { " \t<>@".contains($0) }) else {
            throw .invalidAddress("Message-ID", "the idempotency key contains a space, <, > or @")
        }
        if let original = delivery.inReplyTo {
            try Self.validateHeaderValue(original, field: "In-Reply-To")
            guard !original.isEmpty, !original.contains(where: { " \t<>@".contains($0) }) else {
                throw .invalidAddress("In-Reply-To", "the original's key is empty or contains a space, <, > or @")
            }
        }
        if let url = delivery.unsubscribeURL {
            try Self.validateHeaderValue(url, field: "List-Unsubscribe")
            guard !url.contains(where: { " <>".contains($0) }) else {
                throw .invalidAddress("List-Unsubscribe", "the URL contains a space, < or >")
            }
        }
    }

    /// The complete message for `delivery`, CRLF line endings.
    public func build(_ delivery: OutboundDelivery) throws(EmailMessageError) -> Data {
        try validate(delivery)
        let to = try EmailAddress(name: delivery.recipientName, address: delivery.destination, field: "To")
        let boundary = Self.boundary(for: delivery.idempotencyKey)
        var lines: [String] = [
            "Date: \(Self.rfc5322Date(delivery.composedAt))",
            "From: \(Self.mailbox(from))",
            "To: \(Self.mailbox(to))",
            Self.subjectHeader(delivery.subject),
            "Message-ID: <\(delivery.idempotencyKey)@\(from.domain)>",
            "MIME-Version: 1.0",
        ]
        if let original = delivery.inReplyTo {
            // The original's Message-ID for this recipient, so mail programs thread the correction under it.
            lines.append("In-Reply-To: <\(original)@\(from.domain)>")
            lines.append("References: <\(original)@\(from.domain)>")
        }
        if let url = delivery.unsubscribeURL {
            lines.append("List-Unsubscribe: <\(url)>")
            lines.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        lines += [
            "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"",
            "",
            "This is a multi-part message in MIME format.",
            "--\(boundary)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            Self.quotedPrintable(delivery.textBody),
            "--\(boundary)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            Self.quotedPrintable(delivery.htmlBody),
            "--\(boundary)--",
            "",
        ]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// Refuses a header value holding a character `InputText` refuses (line breaks, controls, bidi overrides).
    public static func validateHeaderValue(_ value: String, field: String) throws(EmailMessageError) {
        guard let problem = InputText.problem(in: value) else { return }
        throw problem.isLineBreak ? .lineBreak(field) : .controlCharacter(field)
    }

    /// A deterministic boundary; `=_` can never occur in quoted-printable text.
    static func boundary(for key: String) -> String {
        let digest = SHA256.hash(data: Data(key.utf8))
        return "=_crier_" + digest.prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    /// `Subject: ...`, raw when short printable ASCII, otherwise folded RFC 2047 encoded words.
    static func subjectHeader(_ subject: String) -> String {
        let isPlain = subject.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7f }
        if isPlain && subject.utf8.count + 9 <= 78 && !subject.contains("=?") {
            return "Subject: \(subject)"
        }
        return "Subject: " + encodedWords(subject).joined(separator: "\r\n ")
    }

    /// `Name <address>`, the name quoted or RFC 2047 encoded as needed.
    static func mailbox(_ mailbox: EmailAddress) -> String {
        guard let name = mailbox.name else { return mailbox.address }
        return "\(displayName(name)) <\(mailbox.address)>"
    }

    static func displayName(_ name: String) -> String {
        let atext = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$%&'*+-/=?^_`{|}~ "))
        let isASCII = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 }
        if isASCII && !name.contains("=?") {
            if name.unicodeScalars.allSatisfy({ atext.contains($0) }) { return name }
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        }
        return encodedWords(name).joined(separator: " ")
    }
}
