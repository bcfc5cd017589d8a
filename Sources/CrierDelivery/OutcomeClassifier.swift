public import CrierCore
public import Curl
public import Foundation

/// Turns protocol answers and transfer failures into delivery outcomes, as DESIGN.md's table says.
///
/// | answer | outcome |
/// |---|---|
/// | HTTP 2xx | delivered |
/// | HTTP 408, 429, 5xx | retry, honouring `Retry-After` (seconds or HTTP-date) |
/// | HTTP 410 | endpoint gone (permanent; endpoint disabled) |
/// | HTTP 3xx (never followed), other 4xx, 1xx | permanent |
/// | SMTP 2xx (250) | delivered |
/// | SMTP 4xx | retry |
/// | SMTP 5xx | permanent |
/// | timeout, DNS failure, connection refused or lost, TLS failure, other curl errors | retry |
/// | address refused by the network policy, bad URL or protocol | permanent |
/// | response too large | as its status if one was received (an endpoint that said 2xx did take the message), else retry |
/// | cancelled or shut down before an answer | retry (the delivery was not made; another run will try) |
public enum OutcomeClassifier {
    /// The outcome of an HTTP response with `status` and an optional `Retry-After` header value.
    public static func classifyHTTP(status: Int, retryAfter: String? = nil, now: Date) -> DeliveryOutcome {
        let detail = "HTTP \(status)"
        switch status {
        case 200...299:
            return .delivered(detail: detail)
        case 408, 429, 500...599:
            return .retry(reason: detail, retryAfter: retryAfter.flatMap { parseRetryAfter($0, now: now) })
        case 410:
            return .endpointGone(reason: "\(detail): the endpoint says it is gone")
        case 300...399:
            return .permanent(reason: "\(detail): redirects are not followed; update the endpoint URL")
        default:
            return .permanent(reason: detail)
        }
    }

    /// The outcome of an SMTP relay's final reply.
    public static func classifySMTP(code: Int, text: String = "") -> DeliveryOutcome {
        let detail = text.isEmpty ? "SMTP \(code)" : text
        switch code {
        case 200...299: return .delivered(detail: detail)
        case 400...499: return .retry(reason: detail, retryAfter: nil)
        default: return .permanent(reason: detail)
        }
    }

    /// The outcome of a transfer that failed, for the given channel.
    ///
    /// A failure carrying the protocol's reply (an SMTP relay refusing a recipient) is judged by that reply.
    public static func classify(_ error: CurlError, channel: Channel, now: Date) -> DeliveryOutcome {
        let reason = Redaction.urls(in: error.message)
        switch error.kind {
        case .addressRefused, .badRequest:
            return .permanent(reason: reason)
        case .responseTooLarge:
            guard let status = error.responseCode else { return .retry(reason: reason, retryAfter: nil) }
            switch channel {
            case .webhook: return annotate(classifyHTTP(status: status, now: now), with: reason)
            case .email: return annotate(classifySMTP(code: status), with: reason)
            }
        case .serverRefused, .connectionLost, .other:
            if channel == .email, let code = error.responseCode, (400...599).contains(code) {
                return annotate(classifySMTP(code: code), with: reason)
            }
            return .retry(reason: reason, retryAfter: nil)
        case .timeout, .resolveFailed, .connectFailed, .tls, .cancelled, .shutdown:
            return .retry(reason: reason, retryAfter: nil)
        }
    }

    /// Seconds to wait from a `Retry-After` value: delta-seconds or an HTTP-date; nil when unreadable.
    public static func parseRetryAfter(_ value: String, now: Date) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return seconds >= 0 ? Double(seconds) : nil }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    private static func annotate(_ outcome: DeliveryOutcome, with note: String) -> DeliveryOutcome {
        switch outcome {
        case .delivered(let detail): .delivered(detail: "\(detail) (\(note))")
        case .retry(let reason, let after): .retry(reason: "\(reason) (\(note))", retryAfter: after)
        case .permanent(let reason): .permanent(reason: "\(reason) (\(note))")
        case .endpointGone(let reason): .endpointGone(reason: "\(reason) (\(note))")
        }
    }
}

/// Reads the HTTP-date forms RFC 9110 allows (IMF-fixdate, RFC 850, asctime).
enum HTTPDate {
    static func parse(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
