import CrierStore
import CrierTestSupport
import Foundation
import Testing

/// An installation with three residents and `crier serve` on a free loopback port: what the
/// residents' pages suites share.
final class ResidentSite {
    let folder: InstallationFolder
    let serving: RunningCrier
    let base: URL

    static let residents = """
        email,name,area,topics,locale
        ann@example.org,Ann Example,central,scams;cyber-crime,en
        bob@example.org,Bob Example,west,all,pl
        cat@example.org,Cat Example,east,asb,gu

        """

    init(prefix: String) async throws {
        folder = try InstallationFolder(
            prefix: prefix,
            """
            timezone: Europe/London
            sender: { name: Safer Leicester Partnership, email: alerts@example.org }
            http: { public_url: "https://alerts.example.org" }
            """)
        let file = folder.directory.appendingPathComponent("residents.csv")
        try Self.residents.write(to: file, atomically: true, encoding: .utf8)
        let imported = try await folder.crier.run(["subscribers", "import", file.path])
        guard imported.status == 0 else { throw CrierBinary.Failure("import failed: \(imported.stderr)") }
        serving = try folder.crier.start(["serve", "--listen", "127.0.0.1:0"])
        base = try await serving.listeningURL()
    }

    deinit {
        if serving.isRunning { kill(serving.processIdentifier, SIGKILL) }
        folder.remove()
    }

    /// The unsubscribe token of the resident at `email`, read from the database as an email would carry it.
    func token(_ email: String) throws -> String {
        let outbox = try SQLiteOutbox(path: folder.databasePath)
        guard let person = try outbox.subscriber(email: email) else { throw CrierBinary.Failure("no \(email)") }
        return person.unsubscribeToken
    }

    /// `crier subscribers list --format json`, by address.
    func listed() async throws -> [String: [String: Any]] {
        let run = try await folder.crier.run(["subscribers", "list", "--format", "json"])
        guard run.status == 0,
            let rows = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        else { throw CrierBinary.Failure("subscribers list failed: \(run.stderr)") }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["email"] as? String ?? "", $0) })
    }

    /// `crier audit --format json` entries made through the web pages.
    func webAudit() async throws -> [[String: Any]] {
        let run = try await folder.crier.run(["audit", "--format", "json"])
        guard run.status == 0,
            let rows = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        else { throw CrierBinary.Failure("audit failed: \(run.stderr)") }
        return rows.filter { $0["actor"] as? String == "resident (web)" }
    }

    func url(_ path: String) -> URL { base.appendingPathComponent(path) }
}

/// The security headers every HTML answer carries.
func expectSecurityHeaders(_ call: CurlCall, sourceLocation: SourceLocation = #_sourceLocation) {
    let policy = call.headers["content-security-policy"] ?? ""
    #expect(policy.contains("default-src 'none'"), sourceLocation: sourceLocation)
    #expect(policy.contains("form-action 'self'"), sourceLocation: sourceLocation)
    #expect(call.headers["x-content-type-options"] == "nosniff", sourceLocation: sourceLocation)
    #expect(call.headers["referrer-policy"] == "no-referrer", sourceLocation: sourceLocation)
    #expect(call.headers["x-frame-options"] == "DENY", sourceLocation: sourceLocation)
    #expect(call.headers["cache-control"] == "no-store", sourceLocation: sourceLocation)
    #expect(call.headers["content-type"] == "text/html; charset=utf-8", sourceLocation: sourceLocation)
}

@Suite(.enabled(if: CrierBinary.isBuilt, "build crier first: swift build"), .serialized)
struct UnsubscribeEndToEndTests {
    @Test func oneClickPostUnsubscribesAndTheLinkPageChangesNothing() async throws {
        let site = try await ResidentSite(prefix: "crier-e2e-unsubscribe")
        let ann = try site.token("ann@example.org")

        // A mail scanner (or the resident) opening the link: a confirm page, nothing changed.
        let page = try await CurlCall.run(site.url("unsubscribe/\(ann)"))
        #expect(page.status == 200)
        expectSecurityHeaders(page)
        #expect(page.body.contains("<html lang=\"en\">"))
        #expect(page.body.contains("<form method=\"post\">"))
        #expect(page.body.contains("name=\"List-Unsubscribe\" value=\"One-Click\""))
        #expect(!page.body.contains(ann))
        #expect(!page.body.contains("<script"))
        #expect(try await site.listed()["ann@example.org"]?["unsubscribed"] as? Bool == false)

        // Unknown tokens (same length and alphabet, and others) get the very same page and status.
        let lookalike =
            String(ann.reversed()) == ann ? String(repeating: "Q", count: ann.count) : String(ann.reversed())
        for other in [lookalike, "short", String(repeating: "z", count: 200), "tok%20with%2Fodd.chars"] {
            let unknown = try await CurlCall.run(site.url("unsubscribe/").appendingPathComponent(other))
            #expect(unknown.status == page.status, "GET \(other)")
            #expect(unknown.body == page.body, "GET \(other)")
            let posted = try await CurlCall.run(
                site.url("unsubscribe/").appendingPathComponent(other), ["-d", "List-Unsubscribe=One-Click"])
            #expect(posted.status == 200, "POST \(other)")
            expectSecurityHeaders(posted)
        }
        let unknownPost = try await CurlCall.run(
            site.url("unsubscribe/\(lookalike)"), ["-d", "List-Unsubscribe=One-Click"])

        // The POST exactly as a mail provider sends it (RFC 8058).
        let done = try await CurlCall.run(site.url("unsubscribe/\(ann)"), ["-d", "List-Unsubscribe=One-Click"])
        #expect(done.status == 200)
        expectSecurityHeaders(done)
        #expect(done.body == unknownPost.body)
        var listed = try await site.listed()
        #expect(listed["ann@example.org"]?["unsubscribed"] as? Bool == true)
        #expect(listed["bob@example.org"]?["unsubscribed"] as? Bool == false)

        // Some providers post multipart/form-data.
        let bob = try site.token("bob@example.org")
        let multipart = try await CurlCall.run(site.url("unsubscribe/\(bob)"), ["-F", "List-Unsubscribe=One-Click"])
        #expect(multipart.status == 200)
        listed = try await site.listed()
        #expect(listed["bob@example.org"]?["unsubscribed"] as? Bool == true)
        #expect(listed["cat@example.org"]?["unsubscribed"] as? Bool == false)

        // A POST without the one-click body changes nothing.
        let cat = try site.token("cat@example.org")
        let empty = try await CurlCall.run(site.url("unsubscribe/\(cat)"), ["-X", "POST"])
        #expect(empty.status == 400)
        expectSecurityHeaders(empty)
        #expect(try await site.listed()["cat@example.org"]?["unsubscribed"] as? Bool == false)

        let audit = try await site.webAudit()
        #expect(audit.filter { $0["action"] as? String == "subscriber-unsubscribe" }.count == 2)
        #expect(audit.contains { $0["subject"] as? String == "ann@example.org" })

        // The page speaks the language asked for, whoever holds the token.
        let polish = try await CurlCall.run(site.url("unsubscribe/\(cat)"), ["-H", "Accept-Language: pl-PL,pl;q=0.9"])
        #expect(polish.body.contains("<html lang=\"pl\">"))
        let gujarati = try await CurlCall.run(URL(string: site.url("unsubscribe/\(cat)").absoluteString + "?lang=gu")!)
        #expect(gujarati.body.contains("<html lang=\"gu\">"))

        // Requests are counted by route pattern: no token reaches the metrics.
        let metrics = try await CurlCall.run(site.url("metrics"))
        #expect(metrics.body.contains("crier_http_requests_total{route=\"/unsubscribe/"))
        #expect(!metrics.body.contains(ann) && !metrics.body.contains(lookalike))

        let stopped = try await site.serving.stop()
        #expect(stopped.status == 0, "\(stopped.stderr)")
    }
}

@Suite(.enabled(if: CrierBinary.isBuilt, "build crier first: swift build"), .serialized)
struct PreferencesEndToEndTests {
    @Test func residentChangesAreaTopicsAndLanguageThenLeaves() async throws {
        let site = try await ResidentSite(prefix: "crier-e2e-preferences")
        let bob = try site.token("bob@example.org")
        let address = site.url("preferences/\(bob)")

        let page = try await CurlCall.run(address)
        #expect(page.status == 200)
        expectSecurityHeaders(page)
        #expect(page.body.contains("<html lang=\"pl\">"))
        #expect(page.body.contains("<option value=\"west\" selected>"))
        #expect(page.body.contains("<label for=\"area\">"))
        #expect(page.body.contains("value=\"all\" checked"))
        #expect(page.body.contains("<option value=\"pl\" lang=\"pl\" selected>"))

        let saved = try await CurlCall.run(
            address, ["-d", "action=save&area=east&topics=scams&topics=asb&language=gu"])
        #expect(saved.status == 200)
        #expect(saved.body.contains("<html lang=\"gu\">"))
        #expect(saved.body.contains("role=\"status\""))
        #expect(saved.body.contains("<option value=\"east\" selected>"))
        var bobListed = try #require(try await site.listed()["bob@example.org"])
        #expect(bobListed["area"] as? String == "east")
        #expect(bobListed["topics"] as? [String] == ["scams", "asb"])
        #expect(bobListed["locale"] as? String == "gu")

        // An area that is not configured is refused beside the field, naming it; nothing changes.
        let inEnglish = try #require(URL(string: address.absoluteString + "?lang=en"))
        let refused = try await CurlCall.run(inEnglish, ["-d", "action=save&area=north&topics=scams&language=en"])
        #expect(refused.status == 400)
        expectSecurityHeaders(refused)
        #expect(refused.body.contains("<p class=\"error\" id=\"area-error\">“north” is not one of our areas."))
        #expect(refused.body.contains("aria-describedby=\"area-error\""))
        let noTopics = try await CurlCall.run(address, ["-d", "action=save&area=west&language=en"])
        #expect(noTopics.status == 400)
        #expect(noTopics.body.contains("id=\"topics-error\""))
        let badLanguage = try await CurlCall.run(address, ["-d", "action=save&area=west&topics=all&language=xx"])
        #expect(badLanguage.status == 400)
        #expect(badLanguage.body.contains("id=\"language-error\""))
        bobListed = try #require(try await site.listed()["bob@example.org"])
        #expect(bobListed["area"] as? String == "east")

        // Every topic again, in English.
        let all = try await CurlCall.run(address, ["-d", "action=save&area=south&topics=all&language=en"])
        #expect(all.status == 200)
        bobListed = try #require(try await site.listed()["bob@example.org"])
        #expect(bobListed["topics"] as? [String] == ["all"])
        #expect(bobListed["area"] as? String == "south")

        // Leaving unsubscribes; the page then has nothing to change.
        let left = try await CurlCall.run(address, ["-d", "action=leave"])
        #expect(left.status == 200)
        #expect(try await site.listed()["bob@example.org"]?["unsubscribed"] as? Bool == true)
        let after = try await CurlCall.run(address)
        #expect(after.status == 200)
        #expect(!after.body.contains("<form"))

        let unknown = try await CurlCall.run(site.url("preferences/\(String(repeating: "Q", count: bob.count))"))
        #expect(unknown.status == 404)
        expectSecurityHeaders(unknown)

        let actions = try await site.webAudit().compactMap { $0["action"] as? String }
        #expect(actions.filter { $0 == "subscriber-preferences" }.count == 2)
        #expect(actions.contains("subscriber-unsubscribe"))

        let stopped = try await site.serving.stop()
        #expect(stopped.status == 0, "\(stopped.stderr)")
    }
}
