import Foundation

/// One request the webhook receiver recorded.
public struct WebhookRecord: Decodable, Sendable, Equatable {
    public var method: String
    public var path: String
    /// Header names are lower-cased.
    public var headers: [String: String]
    public var body: String
    /// Whether a configured secret verified the Standard Webhooks signature (nil when none configured).
    public var signatureOk: Bool?
    /// Seconds since 1970 when the receiver read the request.
    public var receivedAt: Double
}

/// The scripted webhook receiver (`Tests/servers/webhook_receiver.py`) on 127.0.0.1, for real HTTP tests.
///
/// Paths script its answers: `/ok/...`, `/status/NNN`, `/seq/500,500,200/name` (`hang` in the list
/// never answers that request), `/sleep/N/...` (200 after N seconds), `/retry-after/N`, `/redirect`,
/// `/hang`, `/huge`, `/gone`.
public final class WebhookTestServer: Sendable {
    private let server: TestServerProcess

    /// The address it listens on.
    public let host: String

    /// Starts the receiver; each of `secrets` (`whsec_...`) is tried when verifying signatures.
    ///
    /// `host` and `namespace` put it on another address inside a test's own network namespace.
    public init(secrets: [String] = [], host: String = "127.0.0.1", namespace: String? = nil) async throws {
        self.host = host
        server = try await TestServerProcess.start(
            script: "webhook_receiver.py", arguments: ["--host", host] + secrets.flatMap { ["--secret", $0] },
            namespace: namespace)
    }

    /// The port it listens on.
    public var port: Int { server.port }

    /// `http://HOST:PORT` (IPv6 hosts in brackets).
    public var baseURL: String { host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)" }

    /// The URL of `path` (which starts with `/`).
    public func url(_ path: String) -> String { baseURL + path }

    /// The requests recorded so far, in arrival order.
    public func records() throws -> [WebhookRecord] {
        try server.records(as: WebhookRecord.self)
    }

    /// Kills the receiver; also done when it is released.
    public func stop() { server.stop() }
}
