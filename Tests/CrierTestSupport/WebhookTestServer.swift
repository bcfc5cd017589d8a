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

    /// Starts the receiver; each of `secrets` (`whsec_...`) is tried when verifying signatures.
    public init(secrets: [String] = []) async throws {
        server = try await TestServerProcess.start(
            script: "webhook_receiver.py", arguments: secrets.flatMap { ["--secret", $0] })
    }

    /// The port it listens on.
    public var port: Int { server.port }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The URL of `path` (which starts with `/`).
    public func url(_ path: String) -> String { baseURL + path }

    /// The requests recorded so far, in arrival order.
    public func records() throws -> [WebhookRecord] {
        try server.records(as: WebhookRecord.self)
    }

    /// Kills the receiver; also done when it is released.
    public func stop() { server.stop() }
}
