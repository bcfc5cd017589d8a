public import Foundation

/// One HTTP header, kept in order with its original spelling.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    /// Makes a header.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// The safety limits every transfer runs under (DESIGN §5).
///
/// | limit | default |
/// |---|---|
/// | connect timeout | 10 s |
/// | total timeout | 30 s |
/// | low-speed limit | below 1 byte/s ... |
/// | ... for | 20 s aborts |
/// | response cap | 1 MiB (body bytes) |
public struct TransferLimits: Sendable, Equatable {
    /// Seconds allowed to establish the connection.
    public var connectTimeout: Double
    /// Seconds allowed for the whole transfer.
    public var totalTimeout: Double
    /// Bytes per second below which the transfer counts as stalled.
    public var lowSpeedLimit: Int
    /// Seconds a transfer may stay below `lowSpeedLimit` before it is aborted.
    public var lowSpeedTime: Int
    /// The largest response body accepted; a longer one is cut off and reported as `responseTooLarge`.
    public var maxResponseBytes: Int

    /// Makes limits; the defaults suit webhook and SMTP deliveries.
    public init(
        connectTimeout: Double = 10, totalTimeout: Double = 30, lowSpeedLimit: Int = 1, lowSpeedTime: Int = 20,
        maxResponseBytes: Int = 1 << 20
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxResponseBytes = maxResponseBytes
    }
}

/// An HTTP POST to make: where, with which headers and body.
public struct HTTPPostRequest: Sendable, Equatable {
    public var url: String
    public var headers: [HTTPHeader]
    public var body: Data
    public var limits: TransferLimits
    /// Special-purpose networks this request may reach besides the client's own (an endpoint's `allow`).
    public var allowedNetworks: [IPNetwork]

    /// Makes a POST request.
    public init(
        url: String, headers: [HTTPHeader] = [], body: Data, limits: TransferLimits = TransferLimits(),
        allowedNetworks: [IPNetwork] = []
    ) {
        self.url = url
        self.headers = headers
        self.body = body
        self.limits = limits
        self.allowedNetworks = allowedNetworks
    }
}

/// What an HTTP server answered.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code of the final response (redirects are never followed).
    public var status: Int
    /// The final response's headers, in order.
    public var headers: [HTTPHeader]
    /// The body, at most the request's `maxResponseBytes`.
    public var body: Data

    /// Makes a response (tests build them to exercise classification).
    public init(status: Int, headers: [HTTPHeader] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header called `name` (case-insensitive), if present.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// Whether an SMTP session must be encrypted.
public enum SMTPSecurity: String, Sendable, Equatable {
    /// STARTTLS is required on `smtp://` (and implicit on `smtps://`); the send fails without it.
    case required
    /// Plain text; only for a relay on loopback: every other connected address is refused before a byte is sent.
    case none
}

/// One message to hand to an SMTP relay.
public struct SMTPSendRequest: Sendable, Equatable {
    /// `smtp://host:port` or `smtps://host:port`.
    public var url: String
    public var security: SMTPSecurity
    public var username: String?
    public var password: String?
    /// The envelope sender (bare address).
    public var from: String
    /// The envelope recipients (bare addresses).
    public var recipients: [String]
    /// The full RFC 5322 message, CRLF line endings; curl does the dot-stuffing.
    public var message: Data
    public var limits: TransferLimits

    /// Makes an SMTP send request.
    public init(
        url: String, security: SMTPSecurity, username: String? = nil, password: String? = nil, from: String,
        recipients: [String], message: Data, limits: TransferLimits = TransferLimits()
    ) {
        self.url = url
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.recipients = recipients
        self.message = message
        self.limits = limits
    }
}

/// What the SMTP relay finally answered.
public struct SMTPResponse: Sendable, Equatable {
    /// The last reply code (250 when the message was accepted).
    public var code: Int
    /// The last reply line, e.g. `250 2.0.0 Ok: queued as 1234`, when curl passed it on.
    public var text: String

    /// Makes a response.
    public init(code: Int, text: String) {
        self.code = code
        self.text = text
    }
}
