import CrierTestSupport
import Foundation
import Testing

/// A throwaway installation: crier.yml, residents, the recording SMTP server and webhook receiver.
final class AlertInstallation: LoopbackInstallation {
    /// East NPA has `residents` people plus one test recipient; email goes at `emailRate` per second.
    /// `endpoints` (YAML flow mappings, given the webhook receiver) replace the default partner and
    /// test-hook webhooks, `email`
    /// adds lines to the email section, and `environment` is what every `crier` run gets.
    init(
        residents: Int = 10, emailRate: Double = 200, endpoints: ((WebhookTestServer) -> [String])? = nil,
        email: [String] = [],
        retry: String = "[1s, 1s]", environment: [String: String] = [:]
    ) async throws {
        var csv = "email,name,area,topics,locale,test\n"
        for index in 0..<residents { csv += "resident\(index)@example.org,Resident \(index),east,all,en,false\n" }
        csv += "tester@example.org,Tess,east,all,en,true\ncentral@example.org,Cen,central,all,en,false\n"
        try await super.init(
            prefix: "crier-e2e-alerts", environment: environment, residents: csv,
            email: ["max_connections: 1", "rate_per_second: \(emailRate)"] + email
        ) { webhooks in
            let hooks =
                endpoints?(webhooks) ?? [
                    #"{ id: partner, kind: webhook, url: "\#(webhooks.url("/ok/partner"))", areas: [city], topics: [all] }"#,
                    #"{ id: test-hook, kind: webhook, url: "\#(webhooks.url("/ok/test-hook"))", areas: [east], topics: [all], test: true }"#,
                ]
            return """
                endpoints:
                \(hooks.map { "  - \($0)" }.joined(separator: "\n"))
                retry: { schedule: \(retry) }
                network: { allow_private: true }
                approvals: { actual: true }
                """
        }
    }

    static let warning = [
        "--var", "headline=Fake couriers calling in Evington",
        "--var", "description=Callers claim to be police and send a courier for your card.",
        "--var", "instruction=Hang up. Call 101.",
    ]

    func alert(_ extra: [String], operatorName: String = "alice") async throws -> CrierBinary.Result {
        try await crier.run(
            ["alert", "urgent-warning", "--area", "east"] + Self.warning + extra, operatorName: operatorName)
    }

    /// Recipients of recorded emails whose raw text contains `marker`.
    func emailRecipients(containing marker: String) throws -> [String] {
        try smtp.records().filter { $0.data.contains(marker) }.flatMap(\.rcptTos)
    }

    /// Webhook bodies recorded on `path`, parsed.
    func webhookBodies(path: String) throws -> [[String: Any]] {
        try webhooks.records().filter { $0.path == path }.compactMap {
            try JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any]
        }
    }
}

@Suite(
    "end to end: urgent alerts", .serialized,
    .enabled(if: CrierBinary.isBuilt))
struct AlertEndToEndTests {
    @Test("propose, refuse self-approval, approve, cancel halfway through a slow delivery, audit")
    func actualAlertCancelledHalfway() async throws {
        // One email a second: the cancel must land mid-send even on a loaded two-core machine.
        let site = try await AlertInstallation(residents: 10, emailRate: 1)

        let unconfirmed = try await site.alert([])
        #expect(unconfirmed.status == 2)
        #expect(unconfirmed.stderr.contains("--yes"), "\(unconfirmed.stderr)")
        #expect(try await site.alertsList().isEmpty)

        let proposed = try await site.alert(["--yes", "--format", "json"])
        #expect(proposed.status == 0, "\(proposed.stderr)")
        let outcome = try #require(try proposed.json()["outcome"] as? [String: Any])
        let id = try #require(outcome["id"] as? String)
        #expect(outcome["state"] as? String == "awaiting approval")
        let waiting = try await site.alert(["--yes", "--wait"])
        #expect(waiting.stdout.contains("awaiting approval"))
        let duplicate = try #require(
            waiting.stdout.split(separator: "\n").first { $0.hasPrefix("msg_") }.map(String.init))
        #expect(
            try await site.crier.run(["reject", duplicate, "--reason", "duplicate"], operatorName: "bob").status == 0)

        let own = try await site.crier.run(["approve", id, "--yes"], operatorName: "alice")
        #expect(own.status == 2)
        #expect(own.stderr.contains("two-person rule"), "\(own.stderr)")
        #expect(try site.smtp.records().isEmpty)

        let approving = try site.crier.start(["approve", id, "--yes", "--wait"], operatorName: "bob")
        #expect(try await eventually(within: 15) { try site.emailRecipients(containing: "Fake couriers").count >= 2 })
        let cancelled = try await site.crier.run(
            ["cancel", id, "--reason", "The calls were a genuine survey.", "--wait", "--format", "json"],
            operatorName: "carol")
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        let approved = try await approving.result()
        #expect(approved.status == 0, "\(approved.stderr)")

        let cancellation = try cancelled.json()
        let withdrawn = try #require(cancellation["withdrawn"] as? Int)
        #expect(withdrawn > 0, "the cancel came too late to withdraw anything")
        let notice = try #require(cancellation["notice"] as? [String: Any])
        let noticeID = try #require(notice["id"] as? String)

        let originals = Set(try site.emailRecipients(containing: "Hang up. Call 101."))
        let notified = Set(try site.emailRecipients(containing: "This alert has been cancelled"))
        #expect(originals.count < 10)
        #expect(originals.count + withdrawn == 11)
        #expect(notified == originals)

        let partner = try site.webhookBodies(path: "/ok/partner")
        let cancelBody = try #require(partner.first { $0["msgType"] as? String == "Cancel" })
        #expect(cancelBody["references"] as? String == id)
        #expect(cancelBody["id"] as? String == noticeID)

        let shown = try await site.crier.run(["alerts", "show", id, "--format", "json"])
        let report = try #require(try shown.json()["alert"] as? [String: Any])
        #expect(report["state"] as? String == "cancelled")

        let audit = try await site.crier.run(["audit", "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        let trail = entries.filter { $0["subject"] as? String == id }.map {
            "\($0["action"] ?? "") \($0["actor"] ?? "")"
        }
        #expect(trail == ["propose alice", "approve bob", "send bob", "cancel carol"])
        #expect(entries.contains { $0["action"] as? String == "reject" && $0["actor"] as? String == "bob" })
    }

    @Test("exercise is marked and sent at once; an update reaches exactly its recipients")
    func exerciseAndUpdate() async throws {
        let site = try await AlertInstallation(residents: 3)
        let sent = try await site.alert(["--status", "exercise", "--yes", "--wait", "--format", "json"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let id = try #require((try sent.json()["outcome"] as? [String: Any])?["id"] as? String)
        let recipients = Set(try site.emailRecipients(containing: "[EXERCISE] Urgent: Fake couriers"))
        #expect(recipients.count == 4)
        let body = try #require(try site.webhookBodies(path: "/ok/partner").first)
        #expect(body["status"] as? String == "Exercise")
        #expect((body["headline"] as? String)?.hasPrefix("[EXERCISE] ") == true)

        // Someone who joins after the alert must not get its correction.
        let late = site.directory.appendingPathComponent("late.csv")
        try "email,name,area,topics,locale\nlate@example.org,Late,east,all,en\n".write(
            to: late, atomically: true, encoding: .utf8)
        #expect(try await site.crier.run(["subscribers", "import", late.path]).status == 0)

        let updated = try await site.crier.run(
            [
                "update", id, "--yes", "--var", "instruction=Call 999 if they are at your door.", "--wait", "--format",
                "json",
            ],
            operatorName: "bob")
        #expect(updated.status == 0, "\(updated.stderr)")
        let corrected = Set(try site.emailRecipients(containing: "Call 999 if they are at your door."))
        #expect(corrected == recipients)
        let updateID = try #require(try updated.json()["id"] as? String)
        #expect(try site.webhookBodies(path: "/ok/partner").contains { $0["id"] as? String == updateID })
    }

    @Test("test goes only to test recipients, marked as a test")
    func testStatus() async throws {
        let site = try await AlertInstallation(residents: 3)
        let sent = try await site.alert(["--status", "test", "--yes", "--wait"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(Set(try site.smtp.records().flatMap(\.rcptTos)) == ["tester@example.org"])
        #expect(try site.smtp.records().allSatisfy { $0.data.contains("[TEST] Urgent") })
        #expect(try site.webhookBodies(path: "/ok/partner").isEmpty)
        #expect(try site.webhookBodies(path: "/ok/test-hook").first?["status"] as? String == "Test")
    }

    struct BadCommand: Sendable, CustomStringConvertible {
        let description: String
        let arguments: [String]
        let mentions: String
    }

    static let badCommands: [BadCommand] = [
        BadCommand(
            description: "misspelled status",
            arguments: ["alert", "urgent-warning", "--area", "east", "--status", "actul", "--yes"]
                + AlertInstallation.warning, mentions: "actul"),
        BadCommand(
            description: "unknown template",
            arguments: ["alert", "urgent-warnin", "--area", "east", "--yes"] + AlertInstallation.warning,
            mentions: "unknown template"),
        BadCommand(
            description: "unknown area",
            arguments: ["alert", "urgent-warning", "--area", "north", "--yes"] + AlertInstallation.warning,
            mentions: "unknown area"),
        BadCommand(
            description: "missing variable",
            arguments: [
                "alert", "urgent-warning", "--area", "east", "--yes", "--var", "headline=x", "--var", "description=y",
            ], mentions: "instruction"),
        BadCommand(
            description: "undeclared variable",
            arguments: ["alert", "urgent-warning", "--area", "east", "--yes", "--var", "colour=red"]
                + AlertInstallation.warning, mentions: "colour"),
        BadCommand(
            description: "CR/LF in the subject",
            arguments: [
                "alert", "urgent-warning", "--area", "east", "--yes", "--var", "headline=Fake\r\nBcc: x@example.org",
                "--var", "description=y", "--var", "instruction=z",
            ], mentions: "headline"),
        BadCommand(
            description: "unknown alert id", arguments: ["approve", "msg_doesnotexist", "--yes"], mentions: "no alert"),
        BadCommand(
            description: "cancel of an unknown id", arguments: ["cancel", "msg_doesnotexist", "--reason", "x"],
            mentions: "no alert"),
    ]

    @Test("bad input exits 2 with a clear error and queues nothing", arguments: badCommands)
    func badInput(_ bad: BadCommand) async throws {
        let site = try await AlertInstallation(residents: 1)
        let result = try await site.crier.run(bad.arguments)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains(bad.mentions), "\(result.stderr)")
        #expect(try await site.alertsList().isEmpty)
    }
}
