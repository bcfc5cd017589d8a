import CrierCore
public import CrierHTTP
import CrierYAML
public import Foundation

extension ConfigurationLoader {
    /// `http: { listen, public_url }`: where `crier serve` (and `crier run`, when `listen` is set)
    /// listens, and the public base of the links it writes.
    static func readHTTP(_ root: inout YAMLMapping) throws -> CrierConfiguration.HTTP {
        guard var mapping = try root.mapping("http") else { return CrierConfiguration.HTTP() }
        var http = CrierConfiguration.HTTP()
        if let listen = try mapping.string("listen") {
            switch ListenAddress.parse(listen) {
            case .success(let address): http.listen = address
            case .failure(let problem): throw mapping.error("listen", problem.description)
            }
        }
        if let publicURL = try mapping.string("public_url") {
            do {
                let url = try StrictURL.parse(publicURL, schemes: ["https", "http"])
                guard url.query == nil, url.fragment == nil else {
                    throw mapping.error("public_url", "must be a base URL without a query or fragment")
                }
                http.publicURL = url
            } catch let problem as StrictURL.Problem {
                throw mapping.error("public_url", "\(problem)")
            }
        }
        try mapping.finish(known: ["listen", "public_url"])
        return http
    }
}

extension CrierConfiguration {
    /// The `http:` section: where to listen and the public base of links.
    public struct HTTP: Sendable, Equatable {
        /// `http.listen`: when set, `crier run` serves HTTP too.
        public var listen: ListenAddress?
        /// `http.public_url`: the base of links in pages and emails (behind the TLS proxy).
        public var publicURL: URL?

        /// `{public_url}/unsubscribe/{token}`: the link `email.unsubscribe_url` defaults to when
        /// `http.public_url` is set, served by `crier serve`.
        public static func unsubscribeURLPattern(publicURL: URL) -> String {
            var base = publicURL.absoluteString
            while base.hasSuffix("/") { base.removeLast() }
            return base + "/unsubscribe/{token}"
        }

        /// No HTTP service configured.
        public init(listen: ListenAddress? = nil, publicURL: URL? = nil) {
            self.listen = listen
            self.publicURL = publicURL
        }
    }
}
