import CrierDelivery
import Testing

@Suite("Redaction hides URL credentials")
struct RedactionTests {
    @Test(
        "userinfo is replaced",
        arguments: [
            ("https://user:pass@hooks.example.org/x?y=1", "https://***@hooks.example.org/x?y=1"),
            ("smtp://crier:s3cr%40t@relay.example.org:587", "smtp://***@relay.example.org:587"),
            ("https://token@example.org", "https://***@example.org"),
            ("https://example.org/path@not-userinfo", "https://example.org/path@not-userinfo"),
            ("http://127.0.0.1:9001/hooks/crier", "http://127.0.0.1:9001/hooks/crier"),
            ("no url here", "no url here"),
        ])
    func redactURL(input: String, expected: String) {
        #expect(Redaction.redactURL(input) == expected)
    }

    @Test("every URL in free text is redacted")
    func inText() {
        let text = "failed posting to https://a:b@x.org/h, then smtps://u:p@relay:465 refused"
        let redacted = Redaction.redactURLs(in: text)
        #expect(redacted == "failed posting to https://***@x.org/h, then smtps://***@relay:465 refused")
        #expect(!redacted.contains("a:b"))
        #expect(!redacted.contains("u:p"))
    }
}
