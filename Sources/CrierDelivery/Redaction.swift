/// Hides credentials in URLs before they reach errors, logs or status output.
public enum Redaction {
    /// The placeholder that replaces a URL's userinfo.
    public static let placeholder = "***"

    /// `url` with any `user:password@` part replaced by `***@`; other URLs are returned unchanged.
    public static func redactURL(_ url: String) -> String {
        redactURLs(in: url)
    }

    /// `text` with the userinfo of every URL in it (`scheme://user:pass@host`) replaced by `***`.
    public static func redactURLs(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let marker = rest.range(of: "://") {
            result += rest[..<marker.upperBound]
            rest = rest[marker.upperBound...]
            let authorityEnd =
                rest.firstIndex { "/?#\\ \t\r\n\"'<>".contains($0) } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                result += placeholder
                rest = rest[at...]
            }
        }
        result += rest
        return result
    }
}
