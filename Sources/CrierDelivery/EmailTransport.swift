public import CrierCore
public import Curl
import Foundation
public import Logging

/// Delivers email messages through one SMTP relay over one libcurl client (connections reused).
///
/// The message is built by `EmailMessageBuilder`, so a header value or address with CR or LF is
/// refused as `.permanent` before anything reaches the network.
public final class EmailTransport: Transport {
    /// The relay and sender identity.
    public struct Configuration: Sendable, Equatable {
        /// `smtp://host:port` (STARTTLS) or `smtps://host:port` (implicit TLS).
        public var relayURL: String
        /// `.required` unless the relay is on loopback or a trusted network.
        public var security: SMTPSecurity
        public var username: String?
        public var password: String?
        /// The `From` header and envelope sender: `Name <address>` or a bare address.
        public var from: String
        /// Timeouts and the response cap for each send.
        public var limits: TransferLimits
        /// The `allow_private` shorthand: when true, loopback, RFC 1918 and unique-local relays may be reached.
        public var allowPrivateAddresses: Bool
        /// Special-purpose networks the relay may be in (`network.allow` plus `email.allow`); metadata never.
        public var allowedNetworks: [IPNetwork] = []
        /// Idle relay connections kept open for reuse; the dispatcher's email route limit bounds sends.
        public var maxConnections: Int

        /// Makes a configuration.
        public init(
            relayURL: String, security: SMTPSecurity = .required, username: String? = nil, password: String? = nil,
            from: String, limits: TransferLimits = TransferLimits(connectTimeout: 10, totalTimeout: 60),
            allowPrivateAddresses: Bool = false, maxConnections: Int = 4
        ) {
            self.relayURL = relayURL
            self.security = security
            self.username = username
            self.password = password
            self.from = from
            self.limits = limits
            self.allowPrivateAddresses = allowPrivateAddresses
            self.maxConnections = maxConnections
        }
    }

    /// The settings the transport was made with.
    public let configuration: Configuration
    /// The builder every message comes from.
    public let builder: EmailMessageBuilder
    private let client: CurlClient
    private let logger: Logger

    /// Makes the transport; throws `EmailMessageError` for an unusable from-address, `CurlError` if libcurl cannot start.
    public init(configuration: Configuration, logger: Logger = Logger(label: "crier.delivery.email")) throws {
        self.configuration = configuration
        builder = try EmailMessageBuilder(from: configuration.from)
        self.logger = logger
        var clientConfiguration = CurlClient.Configuration(
            maxIdleConnections: configuration.maxConnections,
            allowPrivateAddresses: configuration.allowPrivateAddresses)
        clientConfiguration.allowedNetworks = configuration.allowedNetworks
        client = try CurlClient(configuration: clientConfiguration)
    }

    /// Stops the transfer thread; sends in flight end as `retry`.
    public func shutdown() async {
        await client.shutdown()
    }

    /// Tries once to deliver `delivery`; every failure becomes an outcome, never a thrown error.
    public func deliver(_ delivery: OutboundDelivery) async -> DeliveryOutcome {
        let message: Data
        do {
            message = try builder.build(delivery)
        } catch {
            return .permanent(reason: error.description)
        }
        let request = SMTPSendRequest(
            url: configuration.relayURL, security: configuration.security, username: configuration.username,
            password: configuration.password, from: builder.from.address, recipients: [delivery.destination],
            message: message, limits: configuration.limits)
        let outcome: DeliveryOutcome
        do {
            let response = try await client.send(request)
            outcome = OutcomeClassifier.classifySMTP(code: response.code, text: response.text)
        } catch {
            outcome = OutcomeClassifier.classify(error, channel: .email, now: Date())
        }
        logger.debug(
            "email attempt finished",
            metadata: [
                "delivery": "\(delivery.deliveryID)", "attempt": "\(delivery.attempt)",
                "relay": "\(Redaction.url(configuration.relayURL))", "outcome": "\(outcome.kind)",
                "detail": "\(outcome.detail)",
            ])
        return outcome
    }
}
