import CrierCore
import CrierDelivery
import Curl
import Foundation
import Testing

@Suite("OutcomeClassifier applies DESIGN.md's table")
struct OutcomeClassifierTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(
        "HTTP statuses",
        arguments: [
            (200, "delivered"), (201, "delivered"), (204, "delivered"), (299, "delivered"),
            (408, "retry"), (429, "retry"), (500, "retry"), (502, "retry"), (503, "retry"), (599, "retry"),
            (410, "gone"),
            (301, "permanent"), (302, "permanent"), (307, "permanent"), (308, "permanent"),
            (400, "permanent"), (401, "permanent"), (403, "permanent"), (404, "permanent"), (413, "permanent"),
            (422, "permanent"), (100, "permanent"),
        ])
    func http(status: Int, kind: String) {
        #expect(OutcomeClassifier.classifyHTTP(status: status, now: Self.now).kind == kind)
    }

    @Test(
        "SMTP replies",
        arguments: [
            (250, "delivered"), (421, "retry"), (450, "retry"), (451, "retry"), (452, "retry"), (550, "permanent"),
            (552, "permanent"), (554, "permanent"),
        ])
    func smtp(code: Int, kind: String) {
        #expect(OutcomeClassifier.classifySMTP(code: code).kind == kind)
    }

    @Test(
        "transfer failures",
        arguments: [
            (CurlError(code: 28, kind: .timeout, message: "Timeout was reached"), Channel.webhook, "retry"),
            (CurlError(code: 7, kind: .connectFailed, message: "Couldn't connect to server"), .webhook, "retry"),
            (CurlError(code: 6, kind: .resolveFailed, message: "Couldn't resolve host name"), .webhook, "retry"),
            (CurlError(code: 56, kind: .connectionLost, message: "Failure when receiving data"), .webhook, "retry"),
            (CurlError(code: 35, kind: .tls, message: "SSL connect error"), .webhook, "retry"),
            (
                CurlError(code: 7, kind: .addressRefused, message: "address 10.0.0.1 refused by network policy"),
                .webhook, "permanent"
            ),
            (CurlError(code: 1, kind: .badRequest, message: "Unsupported protocol"), .webhook, "permanent"),
            (
                CurlError(code: 23, kind: .responseTooLarge, message: "too large", responseCode: 200), .webhook,
                "delivered"
            ),
            (CurlError(code: 23, kind: .responseTooLarge, message: "too large", responseCode: 503), .webhook, "retry"),
            (
                CurlError(code: 23, kind: .responseTooLarge, message: "too large", responseCode: 404), .webhook,
                "permanent"
            ),
            (CurlError(code: 23, kind: .responseTooLarge, message: "too large"), .webhook, "retry"),
            (
                CurlError(code: 55, kind: .connectionLost, message: "RCPT failed: 451", responseCode: 451), .email,
                "retry"
            ),
            (
                CurlError(code: 55, kind: .connectionLost, message: "RCPT failed: 550", responseCode: 550), .email,
                "permanent"
            ),
            (CurlError(code: 8, kind: .serverRefused, message: "weird reply", responseCode: 554), .email, "permanent"),
            (
                CurlError(code: 67, kind: .serverRefused, message: "Login denied", responseCode: 535), .email,
                "permanent"
            ),
            (CurlError(code: 7, kind: .connectFailed, message: "Couldn't connect to server"), .email, "retry"),
            (CurlError(code: 0, kind: .shutdown, message: "shut down"), .email, "retry"),
            (CurlError(code: 0, kind: .cancelled, message: "cancelled"), .webhook, "retry"),
        ])
    func failures(error: CurlError, channel: Channel, kind: String) {
        #expect(OutcomeClassifier.classify(error, channel: channel, now: Self.now).kind == kind)
    }

    @Test(
        "Retry-After as seconds or HTTP-date",
        arguments: [
            ("120", 120.0), ("0", 0.0), (" 30 ", 30.0),
            ("Sun, 15 Nov 2026 04:27:20 GMT", 60.0),  // now + 60 s
            ("Sunday, 15-Nov-26 04:28:20 GMT", 120.0),
            ("Sun Nov 15 04:26:20 2026", 0.0),  // in the past: no wait
        ])
    func retryAfter(value: String, seconds: Double) throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-15T04:26:20Z"))
        #expect(OutcomeClassifier.parseRetryAfter(value, now: now) == seconds)
    }

    @Test("unreadable Retry-After values are ignored", arguments: ["soon", "-5", "", "1.5"])
    func retryAfterInvalid(value: String) {
        #expect(OutcomeClassifier.parseRetryAfter(value, now: Self.now) == nil)
    }

    @Test("a 429 carries its Retry-After into the outcome")
    func retryAfterInOutcome() {
        #expect(
            OutcomeClassifier.classifyHTTP(status: 429, retryAfter: "17", now: Self.now)
                == .retry(reason: "HTTP 429", retryAfter: 17))
    }

    @Test("credentials in curl's text are redacted from the outcome")
    func redacted() {
        let error = CurlError(code: 7, kind: .connectFailed, message: "cannot reach https://u:secret@x.org/")
        #expect(!OutcomeClassifier.classify(error, channel: .webhook, now: Self.now).detail.contains("secret"))
    }
}
