import CrierTestSupport
import Foundation
import Testing

@Suite(
    "end to end: sign-up with double opt-in, suppression, bounces", .serialized,
    .enabled(if: CrierBinary.isBuilt))
struct SignupEndToEndTests {
    static let residents = """
        email,name,area,topics,locale
        ann@example.org,Ann,east,all,en
        bob@example.org,Bob,west,all,en
        """

    static func signUpFields(_ email: String, version: String, locale: String = "pl") -> [(String, String)] {
        [
            ("email", email), ("area", "east"), ("topics", "scams"), ("topics", "asb"), ("locale", locale),
            ("consent", "yes"), ("consent_version", version),
        ]
    }

    /// The consent version the form carries in its hidden field.
    static func consentVersion(in page: String) throws -> String {
        let marker = "name=\"consent_version\" value=\""
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    @Test("sign-up round trip through the relay: GET confirm changes nothing, POST confirm activates with consent")
    func signUpRoundTrip() async throws {
        let served = try await ResidentServer(prefix: "crier-e2e-signup", residents: Self.residents)
        let form = try await served.get("/subscribe", headers: ["Accept-Language: pl-PL,pl;q=0.9,en;q=0.5"])
        #expect(form.status == 200)
        #expect(form.body.contains("<html lang=\"pl\">"), "\(form.body.prefix(300))")
        #expect(form.body.contains("<label for=\"email\">") && form.body.contains("name=\"viewport\""))
        #expect(!form.body.contains("<script"))
        let version = try Self.consentVersion(in: form.body)

        // Missing consent: refused with the form again, nothing queued.
        var fields = Self.signUpFields("new.resident@example.org", version: version)
        fields.removeAll { $0.0 == "consent" }
        let refused = try await served.postForm("/subscribe", fields)
        #expect(refused.status == 400 && refused.body.contains("id=\"consent-error\""), "\(refused.body)")

        let accepted = try await served.postForm(
            "/subscribe", Self.signUpFields("new.resident@example.org", version: version))
        #expect(accepted.status == 200, "\(accepted.body)")
        // A subscribed address gets the very same answer.
        let known = try await served.postForm("/subscribe", Self.signUpFields("ann@example.org", version: version))
        #expect(known.status == accepted.status && known.body == accepted.body)

        let run = try await served.site.crier.run(["run", "--until-idle"])
        #expect(run.status == 0, "\(run.stderr)")
        let records = try served.site.smtp.records()
        #expect(records.map(\.rcptTos).sorted { $0[0] < $1[0] } == [["ann@example.org"], ["new.resident@example.org"]])
        let record = try #require(records.first { $0.rcptTos == ["new.resident@example.org"] })
        let email = try PythonEmailParser.parse(Data(record.data.utf8))
        #expect(email.defects.isEmpty, "\(email.defects)")
        #expect(email.subject.hasPrefix("Potwierdź"), "\(email.subject)")
        #expect(email.listUnsubscribe.isEmpty, "a confirmation has nothing to unsubscribe from")
        let text = try #require(email.parts.first { $0.contentType == "text/plain" }).content
        let prefix = ResidentServer.publicURL + "/subscribe/confirm/"
        let start = try #require(text.range(of: prefix)).upperBound
        let token = String(text[start...].prefix { $0.isLetter || $0.isNumber })
        #expect(token.count == 43)

        // A scanner fetching the link changes nothing.
        let page = try await served.get("/subscribe/confirm/\(token)")
        #expect(page.status == 200 && page.body.contains("method=\"post\""), "\(page.body)")
        var listed = try await served.site.crier.run(["subscribers", "list", "--format", "json"])
        #expect(!listed.stdout.contains("new.resident@example.org"))

        let confirmed = try await served.postForm("/subscribe/confirm/\(token)", [])
        #expect(confirmed.status == 200, "\(confirmed.body)")
        listed = try await served.site.crier.run(["subscribers", "list", "--format", "json"])
        #expect(listed.stdout.contains("new.resident@example.org"))
        let export = try await served.site.crier.run(["subscribers", "export", "new.resident@example.org"])
        let subscriber = try #require(try export.json()["subscriber"] as? [String: Any])
        let consent = try #require(subscriber["consent"] as? [String: Any])
        #expect(consent["source"] as? String == "web form")
        #expect(consent["wordingVersion"] as? String == version)
        #expect(subscriber["topics"] as? [String] == ["scams", "asb"] && subscriber["locale"] as? String == "pl")

        // Used once: the link is refused now, and the confirmation is no alert.
        #expect(try await served.postForm("/subscribe/confirm/\(token)", []).status == 404)
        #expect(try await served.site.alertsList().isEmpty)
        _ = try await served.stop()
    }

    @Test("a suppressed address is not re-imported; the sign-up answer is the same for it")
    func suppressionAgainstImportAndSignUp() async throws {
        let served = try await ResidentServer(prefix: "crier-e2e-suppress", residents: Self.residents)
        let crier = served.site.crier
        let export = try await crier.run(["subscribers", "export", "ann@example.org"])
        let token = try #require((try export.json()["subscriber"] as? [String: Any])?["unsubscribeToken"] as? String)
        #expect(try await crier.run(["subscribers", "unsubscribe", token]).status == 0)
        #expect(try await crier.run(["subscribers", "forget", "bob@example.org"]).status == 0)

        let file = served.site.directory.appendingPathComponent("again.csv")
        try (Self.residents + "\ncat@example.org,Cat,south,all,en\n").write(to: file, atomically: true, encoding: .utf8)
        let imported = try await crier.run(["subscribers", "import", file.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 1 new and updated 0 subscribers"), "\(imported.stdout)")
        #expect(
            imported.stdout.contains(
                "line 2: ann@example.org is suppressed (unsubscribed on "), "\(imported.stdout)")
        #expect(imported.stdout.contains("): not re-subscribed without their confirmation"))
        #expect(imported.stdout.contains("line 3: bob@example.org is suppressed (forgotten on "))

        let suppressed = try await crier.run(["subscribers", "suppressed", "--format", "json"])
        let list = try #require(
            try JSONSerialization.jsonObject(with: Data(suppressed.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["reason"] as? String } == ["unsubscribed", "forgotten"])
        #expect(list.first?["email"] as? String == "ann@example.org")
        #expect(!suppressed.stdout.contains("bob"), "a forgotten person is only a hash")
        #expect((list.last?["hash"] as? String)?.hasPrefix("sha256:") == true)

        let form = try await served.get("/subscribe")
        let version = try Self.consentVersion(in: form.body)
        let fresh = try await served.postForm("/subscribe", Self.signUpFields("dee@example.org", version: version))
        let again = try await served.postForm("/subscribe", Self.signUpFields("ann@example.org", version: version))
        let forgotten = try await served.postForm("/subscribe", Self.signUpFields("bob@example.org", version: version))
        #expect(fresh.status == 200 && again.status == 200 && forgotten.status == 200)
        #expect(fresh.body == again.body && again.body == forgotten.body)
        let people = try await crier.run(["subscribers", "list", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(people.stdout.utf8)) as? [[String: Any]])
        let ann = try #require(rows.first { $0["email"] as? String == "ann@example.org" })
        #expect(ann["unsubscribed"] as? Bool == true, "a sign-up alone re-activates nobody")
        _ = try await served.stop()
    }

    @Test("POST /api/v1/bounces: 401 without a token, 403 without the scope, 400 for bad fields, 200 records")
    func bouncesAPI() async throws {
        let served = try await ResidentServer(prefix: "crier-e2e-bounces", residents: Self.residents)
        let hard = #"{"email": "ann@example.org", "kind": "hard", "reason": "550 5.1.1 user unknown"}"#
        #expect(try await served.postJSON("/api/v1/bounces", hard, token: nil).status == 401)
        #expect(try await served.postJSON("/api/v1/bounces", hard, token: "not-a-token").status == 401)
        #expect(try await served.postJSON("/api/v1/bounces", hard, token: ResidentServer.alertsToken).status == 403)
        let token = ResidentServer.bouncesToken
        #expect(try await served.postJSON("/api/v1/bounces", "not json", token: token).status == 400)
        let badKind = try await served.postJSON(
            "/api/v1/bounces", #"{"email": "ann@example.org", "kind": "bouncy"}"#, token: token)
        #expect(badKind.status == 400 && badKind.body.contains("\"field\":\"kind\""), "\(badKind.body)")

        let recorded = try await served.postJSON("/api/v1/bounces", hard, token: token)
        #expect(recorded.status == 200, "\(recorded.body)")
        #expect(recorded.body.contains(#""suppressed":"hard-bounce""#), "\(recorded.body)")
        let soft = #"{"email": "bob@example.org", "kind": "soft", "reason": "452 4.2.2 mailbox full"}"#
        let first = try await served.postJSON("/api/v1/bounces", soft, token: token)
        #expect(first.body.contains(#""suppressed":null"#), "\(first.body)")
        _ = try await served.postJSON("/api/v1/bounces", soft, token: token)
        let third = try await served.postJSON("/api/v1/bounces", soft, token: token)
        #expect(third.body.contains(#""suppressed":"soft-bounces""#), "\(third.body)")

        let status = try await served.site.crier.run(["status", "--format", "json"])
        let residents = try #require(try status.json()["residents"] as? [String: Any])
        #expect(residents["bounces"] as? [String: Int] == ["hard": 1, "soft": 3, "complaint": 0])
        #expect((residents["suppressions"] as? [String: Int])?["hard-bounce"] == 1)
        let text = try await served.site.crier.run(["status"])
        #expect(text.stdout.contains("bounces: 4 (hard 1, soft 3, complaint 0)"), "\(text.stdout)")
        #expect(text.stdout.contains("suppressed addresses: 2"))
        let metrics = try await served.get("/metrics")
        #expect(metrics.body.contains("crier_bounces_total{kind=\"soft\"} 3"), "\(metrics.body)")
        #expect(metrics.body.contains("crier_suppressed_addresses{reason=\"hard-bounce\"} 1"))
        _ = try await served.stop()
    }

    @Test("crier bounces scan reads Postfix and Exim DSNs and an abuse report once; 3 soft bounces suppress")
    func maildirScan() async throws {
        let site = try await LoopbackInstallation(prefix: "crier-e2e-maildir", residents: Self.residents) { _ in "" }
        let maildir = site.directory.appendingPathComponent("bounces")
        try FileManager.default.copyItem(
            at: TestPaths.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/bounces"), to: maildir)
        try FileManager.default.createDirectory(
            at: maildir.appendingPathComponent("tmp"), withIntermediateDirectories: true)

        let scan = try await site.crier.run(["bounces", "scan", maildir.path])
        #expect(scan.status == 0, "\(scan.stderr)")
        let out = scan.stdout
        #expect(
            out.contains(
                "new/1795700001.M100001P4242.mx1.example.org: hard bounce for gone.resident@example.org (5.1.1"))
        #expect(
            out.contains(
                "hard bounce for moved.away@example.org (5.0.0 smtp; 550 No such user here): suppressed (hard-bounce)"))
        #expect(out.contains("complaint for annoyed@example.org (feedback report: abuse): suppressed (complaint)"))
        #expect(out.contains("new/1795700002.M100002P4242.mx1.example.org: soft bounce for full.mailbox@example.org"))
        #expect(
            out.contains(
                "new/1795700008.M100008P4848.mx2.example.org: soft bounce for full.mailbox@example.org (4.0.0 smtp; 452 4.2.2 Mailbox full): suppressed (soft-bounces)"
            ), "\(out)")
        #expect(
            out.contains(
                "new/1795700005.M100005P4545.mx1.example.org: skipped: not a delivery status notification (Content-Type text/plain)"
            ))
        #expect(
            out.contains("cur/1795700006.M100006P4646.mx1.example.org:2,S: skipped: already processed (marked seen)"))
        #expect(out.contains("6 bounces recorded from 8 files, 2 skipped"), "\(out)")

        let cur = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("cur").path)
        #expect(cur.contains("1795700001.M100001P4242.mx1.example.org:2,S"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)
                == ["1795700005.M100005P4545.mx1.example.org"])

        let second = try await site.crier.run(["bounces", "scan", maildir.path, "--format", "json"])
        #expect(second.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        let files = try #require(report["files"] as? [[String: Any]])
        #expect(files.allSatisfy { ($0["bounces"] as? [Any])?.isEmpty == true }, "nothing counted twice")

        let status = try await site.crier.run(["status", "--format", "json"])
        let residents = try #require(try status.json()["residents"] as? [String: Any])
        #expect(residents["bounces"] as? [String: Int] == ["hard": 2, "soft": 3, "complaint": 1])
        let suppressed = try await site.crier.run(["subscribers", "suppressed"])
        for address in ["gone.resident", "moved.away", "annoyed", "full.mailbox"] {
            #expect(suppressed.stdout.contains("\(address)@example.org"), "\(suppressed.stdout)")
        }
        let notMaildir = try await site.crier.run(["bounces", "scan", site.directory.path])
        #expect(notMaildir.status == 2 && notMaildir.stderr.contains("not a Maildir"), "\(notMaildir.stderr)")
    }
}
