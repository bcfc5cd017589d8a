import CrierCore
import Crypto
import Foundation
import HTTPTypes
public import Hummingbird

/// One HTML page the service answers with (unsubscribe, preferences, sign-up), in the look of the
/// published area pages, and the response that carries it with the security headers every HTML
/// answer has.
///
/// It exists so each route group writes only its page's content: the document shell (`lang`,
/// viewport, title, the shared style sheet), the escaping helpers and the headers (a strict
/// Content-Security-Policy that allows only this style sheet and forms posting back to this site)
/// are written once, here. Pages carry no script and work without one.
public struct HTMLPage: Sendable {
    /// The page's `lang` attribute (`en`, `pl`, `gu`).
    public var language: String
    /// The `<title>` and, by convention, the `<h1>`.
    public var title: String
    /// What goes inside `<main>`, as HTML already escaped (build it with `text` and `attribute`).
    public var main: [String]
    /// What goes inside `<footer>`, as HTML already escaped; no footer when empty.
    public var footer: [String]

    /// A page in `language` titled `title` with `main` (and `footer`) as its content.
    public init(language: String, title: String, main: [String], footer: [String] = []) {
        self.language = language
        self.title = title
        self.main = main
        self.footer = footer
    }

    /// How long a client may keep the page.
    public enum Caching: Sendable {
        /// Never stored (pages addressed by a secret token, pages showing a person's choices).
        case noStore
        /// Stored, but checked with the server before each use (pages the same for everyone).
        case revalidate
    }

    /// The whole document, HTML5.
    public func html() -> String {
        var out = [
            "<!DOCTYPE html>",
            "<html lang=\"\(Self.attribute(language))\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"referrer\" content=\"no-referrer\">",
            "<title>\(Self.text(title))</title>",
            "<style>\(Self.styleSheet)</style>",
            "</head>",
            "<body>",
            "<main>",
        ]
        out.append(contentsOf: main)
        out.append("</main>")
        if !footer.isEmpty {
            out.append("<footer>")
            out.append(contentsOf: footer)
            out.append("</footer>")
        }
        out.append(contentsOf: ["</body>", "</html>"])
        return out.joined(separator: "\n") + "\n"
    }

    /// The page as a response with `status`, its content type and the security headers.
    public func response(status: HTTPResponse.Status = .ok, caching: Caching = .noStore) -> Response {
        var headers = Self.securityHeaders(caching: caching)
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html())))
    }

    /// The headers every HTML response carries: the Content-Security-Policy, `nosniff`, no referrer,
    /// no framing, and the caching rule.
    public static func securityHeaders(caching: Caching) -> HTTPFields {
        var headers = HTTPFields()
        headers[contentSecurityPolicyName] = contentSecurityPolicy
        headers[xContentTypeOptionsName] = "nosniff"
        headers[referrerPolicyName] = "no-referrer"
        headers[xFrameOptionsName] = "DENY"
        switch caching {
        case .noStore: headers[.cacheControl] = "no-store"
        case .revalidate: headers[.cacheControl] = "no-cache"
        }
        return headers
    }

    /// `value` escaped for HTML text.
    public static func text(_ value: String) -> String { XMLText.escape(value) }

    /// `value` escaped for a double-quoted attribute.
    public static func attribute(_ value: String) -> String { XMLText.escape(value, attribute: true) }

    /// The style sheet inlined in every page: the published pages' rules and the form rules.
    public static let styleSheet = (PageStyle.baseRules + PageStyle.formRules).joined(separator: "\n")

    /// Nothing may load but the inline style sheet (allowed by its hash), forms may post only back
    /// to this site, and no other site may frame the page.
    public static let contentSecurityPolicy: String = {
        let digest = Data(SHA256.hash(data: Data(styleSheet.utf8))).base64EncodedString()
        return "default-src 'none'; style-src 'sha256-\(digest)'; img-src 'none'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'"
    }()

    private static let contentSecurityPolicyName = HTTPField.Name("Content-Security-Policy")!
    private static let xContentTypeOptionsName = HTTPField.Name("X-Content-Type-Options")!
    private static let referrerPolicyName = HTTPField.Name("Referrer-Policy")!
    private static let xFrameOptionsName = HTTPField.Name("X-Frame-Options")!
}
