import Foundation
import Hummingbird
import NIOCore

/// The address a per-client limit is keyed by: the peer's IP, or, when the peer is a trusted
/// reverse proxy, the right-most `X-Forwarded-For` entry that is not itself a trusted proxy.
enum ClientAddress {
    /// The client of `request`, as text; `unknown` when the socket has no IP address.
    static func of(_ request: Request, peer: SocketAddress?, trustedProxies: Set<String>) -> String {
        guard let peerIP = peer?.ipAddress else { return "unknown" }
        guard trustedProxies.contains(peerIP) else { return peerIP }
        let hops = request.headers[values: .init("X-Forwarded-For")!].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last { !trustedProxies.contains($0) } ?? peerIP
    }
}
