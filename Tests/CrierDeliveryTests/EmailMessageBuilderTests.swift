import CrierCore
import CrierDelivery
import CrierTestSupport
import Foundation
import Testing

@Suite("EmailMessageBuilder writes RFC 5322 that Python's email package reads back")
struct EmailMessageBuilderTests {
    let builder: EmailMessageBuilder

    init() throws {
        builder = try EmailMessageBuilder(from: "Safer Leicester Partnership <alerts@example.org>")
    }

    @Test("headers and parts round-trip through email.policy.default")
    func roundTrip() throws {
        let parsed = try PythonEmailParser.parse(try builder.build(Sample.email()))
        #expect(parsed.subject == Sample.polishSubject)
        #expect(parsed.from == "Safer Leicester Partnership <alerts@example.org>")
        #expect(parsed.toDisplayName == "Zofia Wójcik")
        #expect(parsed.toAddress == "resident@example.net")
        #expect(parsed.messageId == "<dlv_0001@example.org>")
        #expect(parsed.date == "Thu, 26 Nov 2026 12:00:00 +0000")
        #expect(parsed.listUnsubscribe == "<https://example.org/unsubscribe/tok123>")
        #expect(parsed.listUnsubscribePost == "List-Unsubscribe=One-Click")
        #expect(parsed.contentType == "multipart/alternative")
        #expect(parsed.parts.map(\.contentType) == ["text/plain", "text/html"])
        // Python keeps the wire's CRLF line endings in decoded text.
        #expect(parsed.parts.first?.content.replacingOccurrences(of: "\r\n", with: "\n") == Sample.email().textBody)
        #expect(parsed.parts.last?.content.hasPrefix("<p>Dzień dobry,</p>") == true)
        #expect(parsed.defects.isEmpty)
        #expect(parsed.longestLine <= 78)
        #expect(parsed.bareLf == 0)
    }

    @Test(
        "subjects of every shape round-trip",
        arguments: [
            "Plain ASCII subject", "Zażółć gęślą jaźń", "📦📦📦📦📦📦📦📦📦📦📦📦📦📦📦📦📦📦📦📦📦",
            "👩‍👩‍👧‍👦 family emoji in a subject", String(repeating: "A long ASCII subject line ", count: 8),
            "Looks like =?UTF-8?B?encoded?= text", "ąęćłńóśźż ĄĘĆŁŃÓŚŹŻ ąęćłńóśźż ĄĘĆŁŃÓŚŹŻ ąęćłńóśźż",
        ])
    func subjects(subject: String) throws {
        let parsed = try PythonEmailParser.parse(try builder.build(Sample.email(subject: subject)))
        #expect(parsed.subject == subject)
        #expect(parsed.defects.isEmpty)
    }

    @Test("encoded words stay within 75 characters and split between characters")
    func encodedWordLimits() {
        for word in EmailMessageBuilder.encodedWords(Sample.polishSubject + String(repeating: "ś📦", count: 40)) {
            #expect(word.count <= 75)
            let base64 = String(word.dropFirst("=?UTF-8?B?".count).dropLast(2))
            let bytes = Data(base64Encoded: base64)
            #expect(bytes.flatMap { String(data: $0, encoding: .utf8) } != nil)
        }
    }

    @Test("quoted-printable lines stay within 76 characters")
    func quotedPrintable() {
        let encoded = EmailMessageBuilder.quotedPrintable(
            String(repeating: "żółw = turtle; ", count: 30) + "trailing space ")
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.count <= 76)
            #expect(!line.hasSuffix(" "))
        }
    }

    @Test("the same delivery builds byte-identical messages; Message-ID is stable")
    func deterministic() throws {
        let first = try builder.build(Sample.email())
        var retry = Sample.email()
        retry.attempt = 3
        #expect(try builder.build(retry) == first)
        let other = try builder.build(Sample.email(key: "dlv_0002"))
        #expect(other != first)
    }

    @Test("no List-Unsubscribe without an unsubscribe link")
    func noUnsubscribe() throws {
        let parsed = try PythonEmailParser.parse(try builder.build(Sample.email(unsubscribe: nil)))
        #expect(parsed.listUnsubscribe.isEmpty)
        #expect(parsed.listUnsubscribePost.isEmpty)
    }

    @Test("display names with specials are quoted")
    func quotedName() throws {
        let parsed = try PythonEmailParser.parse(try builder.build(Sample.email(name: "Smith, John \"JJ\"")))
        #expect(parsed.toDisplayName == "Smith, John \"JJ\"")
        #expect(parsed.toAddress == "resident@example.net")
    }

    @Test(
        "CR or LF in a header value or address is refused, naming the field",
        arguments: [
            (Sample.email(subject: "Hello\r\nBcc: victim@example.com"), "Subject"),
            (Sample.email(subject: "Hello\nX-Injected: 1"), "Subject"),
            (Sample.email(name: "Eve\r\nBcc: victim@example.com"), "To name"),
            (Sample.email(to: "eve@example.com\r\nBcc: victim@example.com"), "To"),
            (Sample.email(to: "eve@example.com\n"), "To"),
            (Sample.email(unsubscribe: "https://example.org/u\r\nBcc: x@y.z"), "List-Unsubscribe"),
            (Sample.email(key: "dlv\r\n1"), "Message-ID"),
        ])
    func lineBreaks(delivery: OutboundDelivery, field: String) {
        let error = #expect(throws: EmailMessageError.self) { _ = try builder.build(delivery) }
        #expect(error?.field == field)
        #expect(error?.isLineBreak == true)
    }

    @Test("a from-address with a line break is refused")
    func fromLineBreak() {
        #expect(throws: EmailMessageError.self) {
            _ = try EmailMessageBuilder(from: "Eve <eve@example.org>\r\nBcc: x@y.z")
        }
    }

    @Test(
        "malformed addresses are refused",
        arguments: ["", "no-at-sign", "two@@example.org", "sp ace@example.org", "<x@y.z>", "zażółć@example.org"])
    func malformed(address: String) {
        #expect(throws: EmailMessageError.self) { try builder.validate(Sample.email(to: address)) }
    }

    @Test("the Date header is RFC 5322 in UTC")
    func date() {
        #expect(EmailMessageBuilder.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(EmailMessageBuilder.rfc5322Date(Sample.composedAt) == "Thu, 26 Nov 2026 12:00:00 +0000")
    }
}

@Suite("email addresses within RFC 5321")
struct EmailAddressLimitTests {
    static let label63 = String(repeating: "d", count: 63)

    @Test(
        "addresses",
        arguments: [
            ("ann@example.org", true), ("a.b-c+d@mail.example.co.uk", true), ("ops@localhost", true),
            ("\(String(repeating: "a", count: 64))@example.org", true),
            ("\(String(repeating: "a", count: 65))@example.org", false),
            ("a@\(label63).\(label63).\(label63).\(String(repeating: "e", count: 61))", false),
            ("a@\(String(repeating: "d", count: 64)).org", false), ("a@b@example.org", false),
            ("x@example.org, z@example.net", false), ("a@-example.org", false), ("a@example-.org", false),
            ("a@example..org", false), ("a@example.org.", false), ("a@.example.org", false),
            ("a@exa_mple.org", false), ("a@example.org\u{2028}", false),
        ])
    func limits(_ address: String, _ valid: Bool) {
        let accepted = (try? EmailAddress.validate(address: address, field: "To")) != nil
        #expect(accepted == valid)
    }

    @Test("header values are checked by the one rule: line separators, C1 controls and bidi overrides")
    func headerRule() {
        for bad in ["a\u{2028}b", "a\u{85}b", "a\u{9B}b", "a\u{202E}b", "a\u{1B}b", "a\u{7F}b"] {
            #expect(throws: EmailMessageError.self) { try EmailMessageBuilder.validateHeaderValue(bad, field: "X") }
        }
    }
}
