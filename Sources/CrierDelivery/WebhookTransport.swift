public import CrierCore
public import Curl
import Foundation
public import Logging

/// Delivers webhook messages as signed HTTP POSTs (Standard Webhooks) over one libcurl client.
///
/// Every attempt carries the same body and `webhook-id` (the idempotency key) and a fresh
/// `webhook-timestamp` and signature; redirects are never followed.
public final class WebhookTransport: Transport {
    /// Limits and identity for webhook requests.
    public struct Configuration: Sendable, Equatable {
        /// Timeouts and the response cap for each request.
        public var limits: TransferLimits
        /// The `allow_private` shorthand: when true, loopback, RFC 1918 and unique-local addresses may be reached.
        public var allowPrivateAddresses: Bool
        /// Special-purpose networks every endpoint may reach (`network.allow`); metadata never.
        public var allowedNetworks: [IPNetwork] = []
        /// Further networks one endpoint may reach (its own `allow`), by endpoint id.
        public var endpointAllowedNetworks: [String: [IPNetwork]] = [:]
        /// Idle connections kept open for reuse. Never a cap on transfers: the dispatcher's
        /// per-endpoint `max_concurrency` is the only limit, so endpoints on one host stay independent.
        public var maxConnections: Int
        /// The `User-Agent` header.
        public var userAgent: String

        /// Makes a configuration; the defaults suit partner webhooks on the public internet.
        public init(
            limits: TransferLimits = TransferLimits(connectTimeout: 10, totalTimeout: 30, maxResponseBytes: 64 * 1024),
            allowPrivateAddresses: Bool = false, maxConnections: Int = 64, userAgent: String = "Crier/1.0"
        ) {
            self.limits = limits
            self.allowPrivateAddresses = allowPrivateAddresses
            self.maxConnections = maxConnections
            self.userAgent = userAgent
        }
    }

    /// The settings the transport was made with.
    public let configuration: Configuration
    private let client: CurlClient
    private let signers: [String: WebhookSigner]
    private let clock: any Clock
    private let logger: Logger

    /// Makes the transport; `secrets` maps an endpoint id to its `whsec_...` secrets (several while rotating).
    ///
    /// Throws `WebhookSignerError` for an unusable secret and `CurlError` when libcurl cannot start.
    public init(
        configuration: Configuration = Configuration(), secrets: [String: [String]] = [:],
        clock: any Clock = SystemClock(),
        logger: Logger = Logger(label: "crier.delivery.webhook")
    ) throws {
        self.configuration = configuration
        var signers: [String: WebhookSigner] = [:]
        for (endpoint, list) in secrets where !list.isEmpty {
            signers[endpoint] = try WebhookSigner(secrets: list)
        }
        self.signers = signers
        self.clock = clock
        self.logger = logger
        var clientConfiguration = CurlClient.Configuration(
            maxIdleConnections: configuration.maxConnections,
            allowPrivateAddresses: configuration.allowPrivateAddresses)
        clientConfiguration.allowedNetworks = configuration.allowedNetworks
        client = try CurlClient(configuration: clientConfiguration)
    }

    /// Stops the transfer thread; deliveries in flight end as `retry`.
    public func shutdown() async {
        await client.shutdown()
    }

    /// The headers one attempt sends: content type, user agent and the Standard Webhooks trio.
    public func headers(for delivery: OutboundDelivery, timestamp: Int) -> [HTTPHeader] {
        var headers = [
            HTTPHeader("Content-Type", delivery.payloadContentType),
            HTTPHeader("User-Agent", configuration.userAgent),
            HTTPHeader("webhook-id", delivery.idempotencyKey),
            HTTPHeader("webhook-timestamp", String(timestamp)),
        ]
        if let signer = signers[delivery.endpointID ?? ""] {
            headers.append(
                HTTPHeader(
                    "webhook-signature",
                    signer.signature(id: delivery.idempotencyKey, timestamp: timestamp, body: delivery.payload)))
        }
        return headers
    }

    /// Tries once to deliver `delivery`; every failure becomes an outcome, never a thrown error.
    public func deliver(_ delivery: OutboundDelivery) async -> DeliveryOutcome {
        for (field, value) in [("webhook-id", delivery.idempotencyKey), ("Content-Type", delivery.payloadContentType)]
        where value.contains(where: { $0 == "\r" || $0 == "\n" }) {
            return .permanent(reason: "\(field) contains a line break (CR or LF); refused to prevent header injection")
        }
        let now = clock.now()
        let timestamp = Int(now.timeIntervalSince1970)
        let request = HTTPPostRequest(
            url: delivery.destination, headers: headers(for: delivery, timestamp: timestamp), body: delivery.payload,
            limits: configuration.limits,
            allowedNetworks: configuration.endpointAllowedNetworks[delivery.endpointID ?? ""] ?? [])
        let outcome: DeliveryOutcome
        do {
            let response = try await client.post(request)
            outcome = OutcomeClassifier.classifyHTTP(
                status: response.status, retryAfter: response.header("Retry-After"), now: clock.now())
        } catch {
            outcome = OutcomeClassifier.classify(error, channel: .webhook, now: clock.now())
        }
        logger.debug(
            "webhook attempt finished",
            metadata: [
                "delivery": "\(delivery.deliveryID)", "attempt": "\(delivery.attempt)",
                "url": "\(Redaction.url(delivery.destination))", "outcome": "\(outcome.kind)",
                "detail": "\(outcome.detail)",
            ])
        return outcome
    }
}
