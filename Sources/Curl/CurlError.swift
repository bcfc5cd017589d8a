/// A failed transfer, carrying curl's own error number and text so a user can act on it.
public struct CurlError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this was, as a transport needs to know to decide whether to retry.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The connect or total timeout, or the low-speed limit, expired.
        case timeout
        /// The host name could not be resolved.
        case resolveFailed
        /// No connection could be made (refused, unreachable).
        case connectFailed
        /// The connection broke while sending or receiving.
        case connectionLost
        /// Every resolved address was refused by the network policy (loopback, private, ...).
        case addressRefused
        /// The response was larger than the transfer's cap and was cut off.
        case responseTooLarge
        /// TLS could not be set up or the peer's certificate was not trusted.
        case tls
        /// The URL or protocol is not acceptable (malformed, not allowed for this kind of transfer).
        case badRequest
        /// The server answered with an error (for SMTP: a refused command; see `responseCode`).
        case serverRefused
        /// The caller's task was cancelled.
        case cancelled
        /// The client was shut down before the transfer finished.
        case shutdown
        /// Anything else curl reported.
        case other
    }

    /// curl's `CURLcode` number (0 when the failure did not come from curl itself).
    public let code: Int
    /// The classification transports act on.
    public let kind: Kind
    /// curl's text (`curl_easy_strerror`) plus the detail from its error buffer, or our own reason.
    public let message: String
    /// The last protocol response code received before the failure (HTTP status, SMTP reply), if any.
    public let responseCode: Int?

    /// Makes an error; transports and tests use it to describe failures in curl's terms.
    public init(code: Int, kind: Kind, message: String, responseCode: Int? = nil) {
        self.code = code
        self.kind = kind
        self.message = message
        self.responseCode = responseCode
    }

    public var description: String {
        var text = "curl error \(code) (\(kind.rawValue)): \(message)"
        if let responseCode { text += " [last response \(responseCode)]" }
        return text
    }
}
