public import Hummingbird
public import NIOCore

/// The context of one request: Hummingbird's core storage plus the peer's address, which per-IP
/// limits need, and a small upload cap (forms and JSON bodies are small).
public struct CrierRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The connected peer, if known.
    public let remoteAddress: SocketAddress?

    /// Largest request body a route will decode, in bytes.
    public var maxUploadSize: Int { 64 * 1024 }

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
