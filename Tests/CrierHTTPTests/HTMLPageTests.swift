import CrierHTTP
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Testing

@Suite struct HTMLPageTests {
    @Test func documentHasLanguageViewportAndTheSharedStyle() {
        let page = HTMLPage(
            language: "pl", title: "Tytuł <b>", main: ["<p>\(HTMLPage.text("a & b"))</p>"], footer: ["<p>999</p>"])
        let html = page.html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"pl\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<title>Tytuł &lt;b&gt;</title>"))
        #expect(html.contains("<main>\n<p>a &amp; b</p>\n</main>\n<footer>\n<p>999</p>\n</footer>"))
        #expect(html.contains("<style>\(HTMLPage.styleSheet)</style>"))
        #expect(!html.contains("<script"))
    }

    /// The policy allows the inline style sheet by its SHA-256, so browsers apply it and nothing else.
    @Test func policyAllowsExactlyTheInlineStyleSheet() {
        let digest = Data(SHA256.hash(data: Data(HTMLPage.styleSheet.utf8))).base64EncodedString()
        let policy = HTMLPage.contentSecurityPolicy
        #expect(policy.hasPrefix("default-src 'none';"))
        #expect(policy.contains("style-src 'sha256-\(digest)'"))
        #expect(policy.contains("form-action 'self'") && policy.contains("frame-ancestors 'none'"))
        #expect(!policy.contains("unsafe"))
    }

    @Test func everyResponseCarriesTheSecurityHeaders() {
        let response = HTMLPage(language: "en", title: "t", main: []).response(status: .badRequest)
        #expect(response.status == .badRequest)
        let headers = Dictionary(uniqueKeysWithValues: response.headers.map { ($0.name.canonicalName, $0.value) })
        #expect(headers["content-type"] == "text/html; charset=utf-8")
        #expect(headers["content-security-policy"] == HTMLPage.contentSecurityPolicy)
        #expect(headers["x-content-type-options"] == "nosniff")
        #expect(headers["referrer-policy"] == "no-referrer")
        #expect(headers["x-frame-options"] == "DENY")
        #expect(headers["cache-control"] == "no-store")
        let shared = HTMLPage.securityHeaders(caching: .revalidate)
        #expect(shared[.cacheControl] == "no-cache")
    }
}
