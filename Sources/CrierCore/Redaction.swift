import Foundation

/// Hides secrets (credentials in URLs, signing keys, passwords) before text reaches logs, errors or `status`.
public enum Redaction {
    /// `scheme://user:password@host/...` becomes `scheme://***@host/...`; query strings are dropped.
    public static func url(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        var rest = text[schemeEnd.upperBound...]
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            rest = rest[..<query]
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            authority = "***@" + authority[authority.index(after: at)...]
        }
        let dropped = rest.endIndex != text.endIndex ? "?…" : ""
        return text[..<schemeEnd.upperBound] + authority + rest[authorityEnd...] + dropped
    }

    /// `text` with the userinfo of every URL in it (`scheme://user:pass@host`) replaced by `***`.
    public static func urls(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let marker = rest.range(of: "://") {
            result += rest[..<marker.upperBound]
            rest = rest[marker.upperBound...]
            let authorityEnd = rest.firstIndex { "/?#\\ \t\r\n\"'<>".contains($0) } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                result += "***"
                rest = rest[at...]
            }
        }
        result += rest
        return result
    }

    /// Replaces every occurrence of each non-empty secret in `text` with `***`.
    public static func secrets(_ secrets: [String], in text: String) -> String {
        secrets.filter { $0.count >= 4 }.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }
}
