import Foundation

/// Where the HTTP service listens: a numeric IPv4 or IPv6 host (or `localhost`) and a port, 0 meaning
/// "any free port".
///
/// It exists so `http.listen` and `--listen` are checked once, with a message that names the field,
/// before anything binds; a hostname other than `localhost` is refused because a listener should
/// never depend on name resolution.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host to bind, as written (IPv6 without brackets).
    public var host: String
    /// The port to bind; 0 asks the kernel for a free one.
    public var port: Int

    /// An address from its parts, unchecked.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` or `[IPV6]:PORT`; nil with a reason when it is not one.
    public static func parse(_ text: String) -> Result<ListenAddress, ListenAddressError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let host: Substring
        let port: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]"),
                trimmed[trimmed.index(after: close)...].hasPrefix(":")
            else { return .failure(ListenAddressError(text: text, reason: "expected [IPV6]:PORT")) }
            host = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            port = trimmed[trimmed.index(close, offsetBy: 2)...]
        } else {
            guard let colon = trimmed.lastIndex(of: ":") else {
                return .failure(ListenAddressError(text: text, reason: "expected HOST:PORT, e.g. 127.0.0.1:8080"))
            }
            host = trimmed[..<colon]
            port = trimmed[trimmed.index(after: colon)...]
            if host.contains(":") {
                return .failure(ListenAddressError(text: text, reason: "write an IPv6 host in brackets: [::1]:8080"))
            }
        }
        guard let number = Int(port), (0...65535).contains(number), port.allSatisfy(\.isASCII) else {
            return .failure(ListenAddressError(text: text, reason: "the port must be a number from 0 to 65535"))
        }
        guard host == "localhost" || Self.isNumeric(host) else {
            return .failure(
                ListenAddressError(
                    text: text, reason: "the host must be an IP address (e.g. 127.0.0.1 or ::1) or localhost"))
        }
        return .success(ListenAddress(host: String(host), port: number))
    }

    /// `HOST:PORT`, with brackets around an IPv6 host.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private static func isNumeric(_ host: Substring) -> Bool {
        guard !host.isEmpty else { return false }
        if host.contains(":") {
            return host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && Int(part).map { $0 <= 255 } == true
            }
    }
}

/// Why a listen address was refused, quoting what was given.
public struct ListenAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text given.
    public let text: String
    /// What is wrong with it.
    public let reason: String

    public var description: String { "invalid listen address \"\(text)\": \(reason)" }
}
