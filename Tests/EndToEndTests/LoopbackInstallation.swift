import CrierTestSupport
import Foundation

/// A throwaway installation with the recording SMTP server and webhook receiver on loopback, whose
/// residents are imported through the binary: what the alert suites share.
class LoopbackInstallation {
    let directory: URL
    let smtp: SMTPTestServer
    let webhooks: WebhookTestServer
    let crier: CrierBinary

    /// Starts the servers, writes the crier.yml `yaml` makes for them and imports `residents` (CSV).
    init(
        prefix: String, environment: [String: String] = [:], residents: String,
        yaml: (SMTPTestServer, WebhookTestServer) -> String
    ) async throws {
        directory = try TestPaths.makeTemporaryDirectory(prefix: prefix)
        smtp = try await SMTPTestServer()
        webhooks = try await WebhookTestServer()
        let config = directory.appendingPathComponent("crier.yml")
        try yaml(smtp, webhooks).write(to: config, atomically: true, encoding: .utf8)
        crier = CrierBinary(config: config, environment: environment)
        let file = directory.appendingPathComponent("residents.csv")
        try residents.write(to: file, atomically: true, encoding: .utf8)
        let imported = try await crier.run(["subscribers", "import", file.path])
        guard imported.status == 0 else {
            throw CrierBinary.Failure("subscribers import failed: \(imported.stderr)")
        }
    }

    deinit {
        smtp.stop()
        webhooks.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The alerts `crier alerts list --format json` shows.
    func alertsList() async throws -> [[String: Any]] {
        let listed = try await crier.run(["alerts", "list", "--format", "json"])
        return try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
    }
}
