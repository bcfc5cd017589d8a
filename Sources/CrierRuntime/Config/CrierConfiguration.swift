public import CrierCore
public import CrierHTTP
public import Curl
public import Foundation

/// Everything crier.yml says, validated: the one description of this installation.
public struct CrierConfiguration: Sendable {
    /// Where the email relay is and how to talk to it.
    public struct EmailRelay: Sendable, Equatable {
        /// TLS policy toward the relay.
        public enum TLSPolicy: String, Sendable, Equatable {
            /// STARTTLS (or implicit TLS with `smtps://`) or nothing is sent.
            case required
            /// Plain SMTP: only for a relay on loopback.
            case none
        }

        public var relay: URL
        public var tls: TLSPolicy
        public var usernameEnvironmentVariable: String?
        public var passwordEnvironmentVariable: String?
        /// `Name <address>` shown as From.
        public var from: String
        public var maxConnections: Int
        public var ratePerSecond: Double
        /// Pattern with `{token}` for each resident's unsubscribe link.
        public var unsubscribeURLPattern: String?
        /// Networks the relay may be in besides public addresses (`email.allow`), on top of `network.allow`.
        public var allowedNetworks: [IPNetwork] = []
    }

    /// How the dispatcher paces itself.
    public struct Dispatch: Sendable, Equatable {
        /// Seconds a claimed delivery stays leased before another process may take it over.
        public var lease: Double = 120
        /// Seconds to connect before giving up.
        public var connectTimeout: Double = 10
        /// Seconds a whole transfer may take.
        public var requestTimeout: Double = 30
        /// Largest response body read from a webhook, in bytes.
        public var maxResponseBytes: Int = 64 * 1024
        /// Deliveries in flight at once over all routes.
        public var maxInFlight: Int = 256
        /// Default per-webhook-endpoint concurrency.
        public var webhookConcurrency: Int = 8
    }

    /// The file this was read from.
    public var file: URL
    public var timeZone: TimeZone
    public var database: URL
    public var templatesDirectory: URL
    public var schedulesDirectory: URL
    public var senderName: String
    public var senderEmail: String
    public var capSender: String
    public var areas: [Area]
    public var topics: [String]
    public var email: EmailRelay?
    public var endpoints: [Endpoint]
    public var quietHoursStart: String
    public var quietHoursEnd: String
    public var retry: RetryPolicy
    public var misfireGrace: Double
    /// `network.allow_private`: shorthand for loopback, RFC 1918 and unique-local networks (`AddressGuard.privateNetworks`).
    public var allowPrivateNetworks: Bool
    public var actualAlertsNeedApproval: Bool
    public var publishDirectory: URL?
    public var dispatch: Dispatch
    /// Whether `exercise` alerts appear on the published pages and feeds (`publish.exercises`),
    /// marked EXERCISE; `test` alerts never do.
    public var publishExercises = false
    /// Permission bits of published files (`publish.file_mode`, default 0644), whatever the umask.
    public var publishFileMode: UInt16 = 0o644
    /// Permission bits of published folders (`publish.dir_mode`, default 0755), whatever the umask.
    public var publishDirectoryMode: UInt16 = 0o755
    /// `network.allow`: networks every endpoint and the relay may reach besides public addresses (metadata never).
    public var allowedNetworks: [IPNetwork] = []
    /// Each endpoint's own `allow` list, by endpoint id, on top of `allowedNetworks`.
    public var endpointAllowedNetworks: [String: [IPNetwork]] = [:]

    /// `http:`: where the HTTP service listens and the public base of its links.
    public var http = HTTP()
    /// `partners:`: who may call the partner API, with which scopes.
    public var partners: [PartnerCredential] = []

    /// The area with `id`, if configured.
    public func area(_ id: String) -> Area? { areas.first { $0.id == id } }
}
