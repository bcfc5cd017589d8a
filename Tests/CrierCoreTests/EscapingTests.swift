import CrierCore
import Foundation
import Testing

@Suite("escaping: the one JSON and the one XML/HTML escaper, as tables")
struct EscapingTests {
    @Test(
        "JSON string contents",
        arguments: [
            ("plain words", "plain words"), ("", ""), ("say \"hi\"", "say \\\"hi\\\""), ("a\\b", "a\\\\b"),
            ("one\ntwo", "one\\ntwo"), ("cr\r", "cr\\r"), ("tab\t", "tab\\t"), ("\u{01}", "\\u0001"),
            ("\u{1F}", "\\u001f"), ("\u{7F}", "\\u007f"), ("<b>", "\\u003cb\\u003e"),
            ("fish & chips", "fish \\u0026 chips"),
            ("\u{2028}\u{2029}", "\\u2028\\u2029"), ("Zażółć — 🚨", "Zażółć — 🚨"), ("/path", "/path"),
        ])
    func json(_ text: String, _ escaped: String) {
        #expect(JSONText.escape(text) == escaped)
    }

    @Test("every escaped string reads back as the original through a JSON parser")
    func jsonRoundTrip() throws {
        let text = "\"q\" \\ \n\r\t\u{01}\u{7F} <script>&</script> \u{2028} Zażółć 🚨"
        let data = Data("[\"\(JSONText.escape(text))\"]".utf8)
        let decoded = try JSONDecoder().decode([String].self, from: data)
        #expect(decoded == [text])
    }

    @Test(
        "XML and HTML text",
        arguments: [
            ("plain", "plain"), ("Fish & chips", "Fish &amp; chips"), ("<b>", "&lt;b&gt;"), ("\"q\"", "&quot;q&quot;"),
            ("it's", "it&#39;s"), ("a\rb", "a&#13;b"), ("a\nb\tc", "a\nb\tc"), ("bell\u{07}", "bell"),
            ("\u{FFFE}\u{FFFF}x", "x"), ("Zażółć 🚨", "Zażółć 🚨"),
        ])
    func xmlText(_ text: String, _ escaped: String) {
        #expect(XMLText.escape(text) == escaped)
    }

    @Test(
        "XML attributes keep line feeds and tabs as references",
        arguments: [
            ("a\nb", "a&#10;b"), ("a\tb", "a&#9;b"), ("a\rb", "a&#13;b"), ("O'Brien & co", "O&#39;Brien &amp; co"),
        ])
    func xmlAttribute(_ text: String, _ escaped: String) {
        #expect(XMLText.escape(text, attribute: true) == escaped)
    }

    @Test("forbidden characters are stripped and nothing else changes")
    func stripForbidden() {
        #expect(XMLText.stripForbidden("a\u{00}b\u{0B}c\td\ne\rf<&>") == "abc\td\ne\rf<&>")
    }

    @Test("HTML email values are escaped with the same rule")
    func personalisation() {
        let html = Personalisation.fillHTML(
            "<p>\(Personalisation.recipientNameMarker)</p><a href=\"\(Personalisation.unsubscribeURLMarker)\">x</a>",
            unsubscribeURL: "https://example.org/u?a=1&b=2", recipientName: "O'Brien <Pat>")
        #expect(html == "<p>O&#39;Brien &lt;Pat&gt;</p><a href=\"https://example.org/u?a=1&amp;b=2\">x</a>")
    }
}
