import Foundation

/// One message the SMTP recorder accepted.
public struct SMTPRecord: Decodable, Sendable, Equatable {
    public var mailFrom: String
    public var rcptTos: [String]
    /// The message as received (CRLF line endings, dot-stuffing undone).
    public var data: String
}

/// The recording SMTP server (`Tests/servers/smtp_recorder.py`, aiosmtpd) on 127.0.0.1.
///
/// Recipients script faults: `tempfail-once+...@` gets 451 once then 250; `reject+...@` gets 550.
public final class SMTPTestServer: Sendable {
    private let server: TestServerProcess

    /// The address it listens on.
    public let host: String

    /// Starts the server; `auth` ("user:password") requires AUTH PLAIN/LOGIN; `sink` only counts messages.
    ///
    /// `host` and `namespace` put it on another address inside a test's own network namespace.
    public init(auth: String? = nil, sink: Bool = false, host: String = "127.0.0.1", namespace: String? = nil)
        async throws
    {
        var arguments: [String] = ["--host", host]
        if let auth { arguments += ["--auth", auth] }
        if sink { arguments.append("--sink") }
        self.host = host
        server = try await TestServerProcess.start(
            script: "smtp_recorder.py", arguments: arguments, namespace: namespace)
    }

    /// The port it listens on.
    public var port: Int { server.port }

    /// `smtp://HOST:PORT`.
    public var baseURL: String { "smtp://\(host):\(port)" }

    /// What clients did so far, one word each: `connect` per connection, `auth` per AUTH command.
    public func events() -> [String] {
        let file = server.recordFile.appendingPathExtension("events")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    /// The messages recorded so far, in arrival order.
    public func records() throws -> [SMTPRecord] {
        try server.records(as: SMTPRecord.self)
    }

    /// How many messages a `sink` server accepted.
    public func sinkCount() -> Int {
        let url = server.recordFile.appendingPathExtension("count")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return 0 }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Kills the server; also done when it is released.
    public func stop() { server.stop() }
}
