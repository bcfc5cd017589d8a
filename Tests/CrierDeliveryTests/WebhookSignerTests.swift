import CrierDelivery
import Foundation
import Testing

@Suite("WebhookSigner follows Standard Webhooks")
struct WebhookSignerTests {
    @Test("the specification's known answer")
    func knownAnswer() throws {
        let signer = try WebhookSigner(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        let signature = signer.signature(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Data("{\"test\": 2432232314}".utf8))
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test("several secrets give space-separated signatures in order")
    func rotation() throws {
        let old = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let new = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()
        let both = try WebhookSigner(secrets: [old, new])
        let body = Data("{}".utf8)
        let parts = both.signature(id: "msg_1", timestamp: 1, body: body).split(separator: " ").map(String.init)
        #expect(parts.count == 2)
        #expect(parts[0] == (try WebhookSigner(secrets: [old])).signature(id: "msg_1", timestamp: 1, body: body))
        #expect(parts[1] == (try WebhookSigner(secrets: [new])).signature(id: "msg_1", timestamp: 1, body: body))
    }

    @Test(
        "unusable secrets are refused with a message",
        arguments: [
            [], ["whsec_"], ["whsec_not base64!"], ["whsec_" + Data(repeating: 1, count: 16).base64EncodedString()],
            ["whsec_" + Data(repeating: 1, count: 65).base64EncodedString()],
        ])
    func invalid(secrets: [String]) {
        #expect(throws: WebhookSignerError.self) { _ = try WebhookSigner(secrets: secrets) }
    }
}
