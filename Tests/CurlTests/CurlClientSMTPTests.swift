import CrierTestSupport
import Curl
import Foundation
import Testing

@Suite("CurlClient SMTP against aiosmtpd", .serialized)
struct CurlClientSMTPTests {
    static let message = Data(
        "From: a@example.org\r\nTo: b@example.org\r\nSubject: test\r\n\r\nHello\r\n.leading dot\r\n".utf8)

    @Test("a message is handed over and the final reply returned")
    func send() async throws {
        let server = try await SMTPTestServer()
        let client = try CurlClient(configuration: .init(allowPrivateAddresses: true))
        let response = try await client.send(
            SMTPSendRequest(
                url: server.baseURL, security: .none, from: "a@example.org", recipients: ["b@example.org"],
                message: Self.message))
        #expect(response.code == 250)
        #expect(response.text.contains("queued as"))
        let record = try #require(try server.records().first)
        #expect(record.mailFrom == "a@example.org")
        #expect(record.rcptTos == ["b@example.org"])
        #expect(record.data.contains(".leading dot"))
        #expect(record.data.hasPrefix("From: a@example.org\r\n"))
        await client.shutdown()
    }

    @Test("AUTH with credentials, and several messages over the client")
    func authenticated() async throws {
        let server = try await SMTPTestServer(auth: "crier:s3cret")
        let client = try CurlClient(configuration: .init(allowPrivateAddresses: true))
        for index in 0..<3 {
            let response = try await client.send(
                SMTPSendRequest(
                    url: server.baseURL, security: .none, username: "crier", password: "s3cret", from: "a@example.org",
                    recipients: ["r\(index)@example.org"], message: Self.message))
            #expect(response.code == 250)
        }
        #expect(try server.records().count == 3)
        await client.shutdown()
    }

    @Test("a refused recipient carries the relay's reply code")
    func rejected() async throws {
        let server = try await SMTPTestServer()
        let client = try CurlClient(configuration: .init(allowPrivateAddresses: true))
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.send(
                SMTPSendRequest(
                    url: server.baseURL, security: .none, from: "a@example.org", recipients: ["reject+x@example.org"],
                    message: Self.message))
        }
        #expect(error?.responseCode == 550)
        await client.shutdown()
    }

    @Test("TLS required against a relay without STARTTLS fails as a TLS error")
    func tlsRequired() async throws {
        let server = try await SMTPTestServer()
        let client = try CurlClient(configuration: .init(allowPrivateAddresses: true))
        let error = await #expect(throws: CurlError.self) {
            _ = try await client.send(
                SMTPSendRequest(
                    url: server.baseURL, security: .required, from: "a@example.org", recipients: ["b@example.org"],
                    message: Self.message))
        }
        #expect(error?.kind == .tls)
        #expect(try server.records().isEmpty)
        await client.shutdown()
    }

    @Test("a sink server only counts")
    func sink() async throws {
        let server = try await SMTPTestServer(sink: true)
        let client = try CurlClient(configuration: .init(allowPrivateAddresses: true))
        for _ in 0..<3 {
            let response = try await client.send(
                SMTPSendRequest(
                    url: server.baseURL, security: .none, from: "a@example.org", recipients: ["b@example.org"],
                    message: Self.message))
            #expect(response.code == 250)
        }
        #expect(server.sinkCount() == 3)
        #expect(try server.records().isEmpty)
        await client.shutdown()
    }
}
