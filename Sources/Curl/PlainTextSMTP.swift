/// The rule for SMTP without TLS: only to a relay on this host, so neither credentials nor messages cross a network in clear.
///
/// Judged on each address connected to, in the open-socket callback, before any byte is sent: a relay
/// name that merely looks local (`127.relay.example`) but resolves elsewhere is refused.
struct PlainTextSMTP: Sendable, Equatable {
    /// Whether the transfer would authenticate (AUTH with a user name and password).
    let hasCredentials: Bool

    /// The refusal for connecting to `address` (not loopback) in plain text.
    func refusal(of address: String) -> String {
        let what = hasCredentials ? "the password (AUTH) and messages" : "messages"
        return "relay address \(address) is not loopback: refusing plain-text SMTP (tls: none), which would send "
            + "\(what) across the network in clear; use tls: required or smtps://"
    }
}
