public import Foundation

/// How the HTTP service listens and what it promises its clients: the address, the public base of
/// the links it writes, and the limits that keep a slow or greedy client from holding it.
public struct HTTPServiceSettings: Sendable, Equatable {
    /// Where to listen.
    public var listen: ListenAddress
    /// The public base URL (behind the TLS reverse proxy) for links in pages and emails.
    public var publicURL: URL?
    /// The limits on clients: timeouts, body size, rate limits.
    public var limits = HTTPLimits()
    /// Seconds a connection may go without a complete request head before it is closed.
    public var idleTimeout: Double {
        get { limits.idleTimeout }
        set { limits.idleTimeout = newValue }
    }

    /// Settings listening on `listen`, with `publicURL` as the base of links.
    public init(listen: ListenAddress, publicURL: URL? = nil, limits: HTTPLimits = HTTPLimits()) {
        self.listen = listen
        self.publicURL = publicURL
        self.limits = limits
    }
}
