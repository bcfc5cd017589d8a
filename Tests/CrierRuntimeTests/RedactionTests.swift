import CrierCore
import Testing

@Suite("secrets stay out of output")
struct RedactionTests {
    @Test(
        "URLs lose credentials and query strings",
        arguments: [
            ("https://user:hunter2@hooks.example.org/x", "https://***@hooks.example.org/x"),
            ("https://hooks.example.org/x?token=hunter2", "https://hooks.example.org/x?…"),
            ("smtp://relay.example.org:587", "smtp://relay.example.org:587"),
            ("https://hooks.example.org/a/b", "https://hooks.example.org/a/b"),
        ])
    func url(_ input: String, _ expected: String) {
        #expect(Redaction.url(input) == expected)
    }

    @Test("named secrets are masked")
    func secrets() {
        #expect(Redaction.secrets(["whsec_abcdef"], in: "bad secret whsec_abcdef here") == "bad secret *** here")
    }
}
