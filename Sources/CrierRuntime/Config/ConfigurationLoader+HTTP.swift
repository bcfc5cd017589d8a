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
        try readLimits(&mapping, into: &http.limits)
        try mapping.finish(
            known: [
                "listen", "public_url", "idle_timeout", "body_timeout", "max_body_bytes", "rate_limits",
                "trusted_proxies",
            ])
        return http
    }

    /// `http.idle_timeout`, `body_timeout`, `max_body_bytes`, `rate_limits: { tokens, signup }` and
    /// `trusted_proxies` (see `HTTPLimits` for what each does and its default).
    private static func readLimits(_ mapping: inout YAMLMapping, into limits: inout HTTPLimits) throws {
        if let text = try mapping.string("idle_timeout") {
            guard let seconds = try? DurationText.seconds(text, field: "idle_timeout"), seconds >= 1, seconds <= 3_600
            else {
                throw mapping.error("idle_timeout", "expected a duration from 1s to 1h, like 10s, found \"\(text)\"")
            }
            limits.idleTimeout = seconds
        }
        if let text = try mapping.string("body_timeout") {
            guard let seconds = try? DurationText.seconds(text, field: "body_timeout"), seconds >= 1, seconds <= 3_600
            else {
                throw mapping.error("body_timeout", "expected a duration from 1s to 1h, like 10s, found \"\(text)\"")
            }
            limits.bodyTimeout = seconds
        }
        if let bytes = try mapping.int("max_body_bytes", range: 1_024...16_777_216) {
            limits.maxBodyBytes = bytes
        }
        if var rates = try mapping.mapping("rate_limits") {
            if let limit = try rateLimit(&rates, "tokens") { limits.tokenRoutes = limit }
            if let limit = try rateLimit(&rates, "signup") { limits.signUp = limit }
            try rates.finish(known: ["tokens", "signup"])
        }
        if let proxies = try mapping.strings("trusted_proxies") {
            for proxy in proxies where ListenAddress.parse("\(proxy.contains(":") ? "[\(proxy)]" : proxy):0").isFailure
            {
                throw mapping.error("trusted_proxies", "expected IP addresses, found \"\(proxy)\"")
            }
            limits.trustedProxies = proxies
        }
    }

    /// `{ per_minute: N, burst: M }`; `per_minute: 0` turns the limit off.
    private static func rateLimit(_ mapping: inout YAMLMapping, _ key: String) throws -> RateLimit?? {
        guard var rate = try mapping.mapping(key) else { return nil }
        let perMinute = try rate.int("per_minute", range: 0...1_000_000)
        let burst = try rate.int("burst", range: 1...1_000_000)
        try rate.finish(known: ["per_minute", "burst"])
        guard let perMinute else { throw mapping.error(key, "needs per_minute (0 turns the limit off)") }
        guard perMinute > 0 else { return .some(nil) }
        return RateLimit(perMinute: perMinute, burst: burst ?? max(1, perMinute / 6))
    }
}

extension Result {
    fileprivate var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}

extension CrierConfiguration {
    /// The `http:` section: where to listen and the public base of links.
    public struct HTTP: Sendable, Equatable {
        /// `http.listen`: when set, `crier run` serves HTTP too.
        public var listen: ListenAddress?
        /// `http.public_url`: the base of links in pages and emails (behind the TLS proxy).
        public var publicURL: URL?
        /// `http.idle_timeout`, `body_timeout`, `max_body_bytes`, `rate_limits` and `trusted_proxies`.
        public var limits = HTTPLimits()

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
