import CrierTestSupport
import Curl
import Foundation
import Testing

/// The client never queues a transfer behind others: whatever is submitted gets a connection at once.
@Suite("CurlClient never queues transfers", .serialized)
struct CurlClientQueueingTests {
    @Test("transfers that never answer do not hold up another transfer to the same host and port")
    func hangingTransfersDoNotQueueOthers() async throws {
        let server = try await WebhookTestServer()
        let client = try CurlClient(configuration: .init(allowPrivateAddresses: true))
        let hanging = 40  // more than any per-host or total cap libcurl was ever given here
        let stuck = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<hanging {
                    group.addTask {
                        _ = try? await client.post(
                            HTTPPostRequest(
                                url: server.url("/hang"), body: Data("\(index)".utf8),
                                limits: TransferLimits(connectTimeout: 5, totalTimeout: 60)))
                    }
                }
                try await group.waitForAll()
            }
        }
        let arrived = Date().addingTimeInterval(20)
        while try server.records().count < hanging && Date() < arrived {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try server.records().count == hanging, "every hanging transfer reached the server at once")

        let started = Date()
        let response = try await client.post(
            HTTPPostRequest(
                url: server.url("/ok/healthy"), body: Data("{}".utf8),
                limits: TransferLimits(connectTimeout: 5, totalTimeout: 60)))
        let waited = Date().timeIntervalSince(started)
        #expect(response.status == 200)
        #expect(waited < 5, "the healthy transfer waited \(waited) s behind the hanging ones")

        stuck.cancel()
        _ = try? await stuck.value
        await client.shutdown()
        server.stop()
    }
}
