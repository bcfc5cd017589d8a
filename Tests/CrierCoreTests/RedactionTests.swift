import CrierCore
import Testing

@Suite("secrets stay out of errors, logs and status")
struct RedactionTests {
    @Test(
        "a URL loses its credentials and query string",
        arguments: [
            ("https://user:pass@hooks.example.org/x?y=1", "https://***@hooks.example.org/x?…"),
            ("smtp://crier:s3cr%40t@relay.example.org:587", "smtp://***@relay.example.org:587"),
            ("https://token@example.org", "https://***@example.org"),
            ("https://example.org/path@not-userinfo", "https://example.org/path@not-userinfo"),
            ("http://127.0.0.1:9001/hooks/crier", "http://127.0.0.1:9001/hooks/crier"),
            ("https://hooks.example.org/x?token=hunter2", "https://hooks.example.org/x?…"),
            ("no url here", "no url here"),
        ])
    func url(_ input: String, _ expected: String) {
        #expect(Redaction.url(input) == expected)
    }

    @Test("every URL in free text is redacted")
    func inText() {
        let text = "failed posting to https://a:b@x.org/h, then smtps://u:p@relay:465 refused"
        let redacted = Redaction.urls(in: text)
        #expect(redacted == "failed posting to https://***@x.org/h, then smtps://***@relay:465 refused")
    }

    @Test("named secrets are masked")
    func secrets() {
        #expect(Redaction.secrets(["whsec_abcdef"], in: "bad secret whsec_abcdef here") == "bad secret *** here")
    }
}
