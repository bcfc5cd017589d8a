/// The `Content-Type` of each kind of file the publisher writes (and a few a site may add), so
/// feed readers and CAP consumers are told what they receive.
///
/// | file | type |
/// |---|---|
/// | `*.html` | `text/html; charset=utf-8` |
/// | `*.atom` | `application/atom+xml; charset=utf-8` |
/// | `cap/*.xml` | `application/cap+xml; charset=utf-8` |
/// | other `*.xml` | `application/xml; charset=utf-8` |
/// | `*.css`, `*.txt`, `*.json`, `*.svg`, `*.png`, `*.ico` | their usual types |
/// | anything else | `application/octet-stream` |
enum SiteContentType {
    /// The type of the file at `segments` (the path inside the folder).
    static func of(_ segments: [String]) -> String {
        let name = segments.last ?? ""
        let dot = name.lastIndex(of: ".").map { name[name.index(after: $0)...].lowercased() } ?? ""
        switch dot {
        case "html", "htm": return "text/html; charset=utf-8"
        case "atom": return "application/atom+xml; charset=utf-8"
        case "xml":
            return segments.first == "cap" ? "application/cap+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "ico": return "image/vnd.microsoft.icon"
        default: return "application/octet-stream"
        }
    }
}
