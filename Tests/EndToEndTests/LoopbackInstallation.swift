import CrierTestSupport
import Foundation

/// A throwaway installation with the recording SMTP server and webhook receiver on loopback, whose
/// residents are imported through the binary: what the alert suites share.
class LoopbackInstallation {
    let directory: URL
    let smtp: SMTPTestServer
    let webhooks: WebhookTestServer
    let crier: CrierBinary

    /// Starts the servers, writes crier.yml and imports `residents` (CSV).
    ///
    /// crier.yml names the shipped templates, a database in the folder and the recording relay;
    /// `email` adds lines to its email section and `yaml`, given the webhook receiver, writes the rest.
    init(
        prefix: String, environment: [String: String] = [:], residents: String, email: [String] = [],
        yaml: (WebhookTestServer) -> String
    ) async throws {
        directory = try TestPaths.makeTemporaryDirectory(prefix: prefix)
        smtp = try await SMTPTestServer()
        webhooks = try await WebhookTestServer()
        let config = directory.appendingPathComponent("crier.yml")
        let text = """
            timezone: Europe/London
            database: crier.sqlite
            templates: "\(TestPaths.repositoryRoot.appendingPathComponent("templates").path)"
            sender: { name: Safer Leicester Partnership, email: alerts@example.org }
            email:
              relay: "\(smtp.baseURL)"
              tls: none
              from: "Safer Leicester Partnership <alerts@example.org>"
              unsubscribe_url: "https://example.org/unsubscribe/{token}"

            """ + email.map { "  \($0)\n" }.joined() + yaml(webhooks)
        try text.write(to: config, atomically: true, encoding: .utf8)
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
