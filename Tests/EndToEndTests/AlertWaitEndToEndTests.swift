import CrierTestSupport
import Foundation
import Testing

/// `crier alert --wait` tells the truth: refusals before the commit exit 2 with nothing queued;
/// after it, 0 all delivered, 1 some dead, 3 committed but not followed, the id printed first.
@Suite(
    "end to end: alert --wait exit status and progress", .serialized,
    .enabled(if: CrierBinary.isBuilt))
struct AlertWaitEndToEndTests {
    /// An exercise alert to East NPA (sent at once, no approval), followed with `--wait`.
    static let exercise = ["--status", "exercise", "--yes", "--wait"]

    /// One webhook endpoint for every area, at `url`.
    static func partner(_ url: String, extra: String = "") -> String {
        #"{ id: partner, kind: webhook, url: "\#(url)", areas: [city], topics: [all]\#(extra) }"#
    }

    /// The first line of standard output: the alert id.
    static func firstLine(_ result: CrierBinary.Result) -> String {
        String(result.stdout.split(separator: "\n").first ?? "")
    }

    @Test("an unset signing secret of a reached endpoint exits 2 before the commit: nothing queued")
    func missingSecretRefusedBeforeCommit() async throws {
        let site = try await AlertInstallation(
            residents: 2,
            endpoints: { _ in [Self.partner("http://127.0.0.1:9/ok", extra: ", secret_env: CRIER_TEST_UNSET_SECRET")] })
        let refused = try await site.alert(Self.exercise)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("CRIER_TEST_UNSET_SECRET"), "\(refused.stderr)")
        #expect(!refused.stdout.contains("msg_"), "no id: nothing was committed")
        #expect(try await site.alertsList().isEmpty)
        #expect(try site.smtp.records().isEmpty)

        // Without --wait the daemon delivers, with its own environment: queued as before.
        let queued = try await site.alert(["--status", "exercise", "--yes"])
        #expect(queued.status == 0, "\(queued.stderr)")
        #expect(try await site.alertsList().count == 1)
    }

    @Test("unset SMTP credential variables exit 2 before the commit when the alert goes by email")
    func missingSMTPCredentialsRefusedBeforeCommit() async throws {
        let site = try await AlertInstallation(
            residents: 2, email: ["username_env: CRIER_TEST_UNSET_USER", "password_env: CRIER_TEST_UNSET_PASSWORD"])
        let refused = try await site.alert(Self.exercise)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("CRIER_TEST_UNSET_USER"), "\(refused.stderr)")
        #expect(try await site.alertsList().isEmpty)

        let webhookOnly = try await site.alert(Self.exercise + ["--channel", "webhook"])
        #expect(webhookOnly.status == 0, "\(webhookOnly.stderr)")
        #expect(Self.firstLine(webhookOnly).hasPrefix("msg_"))
    }

    @Test("all delivered exits 0 with the id first and the counts on standard error")
    func deliveredExitsZero() async throws {
        let site = try await AlertInstallation(residents: 3)
        let sent = try await site.alert(Self.exercise)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(Self.firstLine(sent).hasPrefix("msg_"), "\(sent.stdout)")
        #expect(sent.stderr.contains("email 4/4 delivered, 0 retrying, 0 dead"), "\(sent.stderr)")
        #expect(sent.stderr.contains("webhook 2/2 delivered"), "\(sent.stderr)")
    }

    @Test("a delivery refused for good (HTTP 400) exits 1 with the id first")
    func deadExitsOne() async throws {
        let failing = try await AlertInstallation(residents: 1, endpoints: { [Self.partner($0.url("/status/400"))] })
        let result = try await failing.alert(Self.exercise)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(Self.firstLine(result).hasPrefix("msg_"), "\(result.stdout)")
        #expect(result.stderr.contains("1 dead"), "\(result.stderr)")
        #expect(result.stderr.contains("400"), "the last error is shown: \(result.stderr)")
        #expect(result.stderr.contains("failed for good"), "\(result.stderr)")
    }

    @Test("SIGINT while a webhook hangs exits 3 at once with the id first; the alert stays queued")
    func interruptedExitsThree() async throws {
        let hanging = try await AlertInstallation(residents: 1, endpoints: { [Self.partner($0.url("/hang"))] })
        let started = try hanging.crier.start(
            ["alert", "urgent-warning", "--area", "east"] + AlertInstallation.warning + Self.exercise)
        #expect(try await eventually(within: 30) { try hanging.webhooks.records().contains { $0.path == "/hang" } })
        let interruptedAt = Date()
        kill(started.processIdentifier, SIGINT)
        let result = try await started.result()
        #expect(Date().timeIntervalSince(interruptedAt) < 15, "Ctrl-C must not wait for the hanging request")
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(Self.firstLine(result).hasPrefix("msg_"), "\(result.stdout)")
        #expect(result.stderr.contains("SIGINT"), "\(result.stderr)")
        let listed = try #require(try await hanging.alertsList().first)
        #expect(listed["state"] as? String == "sending", "queued for `crier run`, not lost: \(listed)")
    }

    @Test("--timeout 2s while a webhook hangs exits 3 with the id first")
    func timeoutExitsThree() async throws {
        let hanging = try await AlertInstallation(residents: 1, endpoints: { [Self.partner($0.url("/hang"))] })
        let startedAt = Date()
        let result = try await hanging.alert(Self.exercise + ["--timeout", "2s"])
        #expect(Date().timeIntervalSince(startedAt) < 20)
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(Self.firstLine(result).hasPrefix("msg_"), "\(result.stdout)")
        #expect(result.stderr.contains("--timeout"), "\(result.stderr)")

        let bad = try await hanging.alert(Self.exercise + ["--timeout", "soon"])
        #expect(bad.status == 2, "\(bad.stderr)")
        #expect(try await hanging.alertsList().count == 1, "a bad --timeout queues nothing")
    }

    @Test("a refused connection shows retrying, the next retry and the last error, in plain lines that change")
    func retryingIsShown() async throws {
        let closed = "http://127.0.0.1:\(TestPaths.unusedPort())/ok"
        let site = try await AlertInstallation(residents: 1, endpoints: { _ in [Self.partner(closed)] }, retry: "[1h]")
        let result = try await site.alert(Self.exercise + ["--timeout", "4s"])
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        let progress = result.stderr.split(separator: "\n").filter { $0.hasPrefix("email ") }
        let last = try #require(progress.last)
        #expect(last.contains("webhook 0/1 delivered, 1 retrying, 0 dead"), "\(last)")
        #expect(last.contains("next retry"), "\(last)")
        #expect(last.contains("last error:"), "\(last)")
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0 != $1 }, "lines only when something changed")
        #expect(progress.count <= 4, "at most every few seconds: \(progress)")
    }

    @Test("a reached endpoint is fine but another's secret is unset: committed, not followed, exit 3")
    func unusableTransportExitsThree() async throws {
        let other =
            #"{ id: central-only, kind: webhook, url: "http://127.0.0.1:9/ok", areas: [central], topics: [all], secret_env: CRIER_TEST_UNSET_SECRET }"#
        let mixed = try await AlertInstallation(
            residents: 1, endpoints: { [Self.partner($0.url("/ok/partner")), other] })
        let result = try await mixed.alert(Self.exercise)
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(Self.firstLine(result).hasPrefix("msg_"), "\(result.stdout)")
        #expect(result.stderr.contains("CRIER_TEST_UNSET_SECRET"), "\(result.stderr)")
        #expect(try await mixed.alertsList().count == 1)
    }
}
