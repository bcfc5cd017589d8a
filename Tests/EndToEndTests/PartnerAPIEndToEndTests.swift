import CrierTestSupport
import Foundation
import Testing

/// The partner API through `crier serve`, spoken to with curl: bearer tokens and scopes, residents
/// created, updated and unsubscribed, field-by-field refusals, current alerts by the publishing
/// rules, and the OpenAPI document.
@Suite("end to end: partner API", .serialized, .enabled(if: CrierBinary.isBuilt))
struct PartnerAPIEndToEndTests {
    static let resident = "/api/v1/subscribers/ann@example.org"
    static let annBody = #"{"area": "west", "topics": ["scams", "cyber-crime"], "language": "en", "name": "Ann"}"#

    @Test("tokens and scopes: 401 with WWW-Authenticate, 403, JSON errors without internals")
    func authentication() async throws {
        let site = try await PartnerSite(prefix: "crier-api-auth")
        let server = try await ServingCrier(site.crier, ["serve", "--listen", "127.0.0.1:0"])

        let anonymous = try await CurlResponse.send("PUT", server.url(Self.resident), body: Self.annBody)
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        #expect(anonymous.headers["content-type"] == "application/json")
        #expect(anonymous.object["error"] as? String == "a partner bearer token is required")

        let forged = try await CurlResponse.send(
            "GET", server.url("/api/v1/alerts"), headers: ["Authorization": "Bearer crier_pt_forged"])
        #expect(forged.status == 401)

        let wrongScope = try await CurlResponse.send(
            "PUT", server.url(Self.resident), headers: site.json("reader"), body: Self.annBody)
        #expect(wrongScope.status == 403)
        #expect((wrongScope.object["error"] as? String)?.contains("subscribers:write") == true)
        let noBulletins = try await CurlResponse.send(
            "POST", server.url("/api/v1/areas/west/bulletin-items"), headers: site.json("council"),
            body: #"{"title": "t", "body": "b"}"#)
        #expect(noBulletins.status == 403)

        let tooLarge = try await CurlResponse.send(
            "PUT", server.url(Self.resident), headers: site.json("nlink"),
            body: #"{"name": ""# + String(repeating: "x", count: 70_000) + #""}"#)
        #expect(tooLarge.status == 413)
        #expect(tooLarge.object["error"] != nil)

        let nowhere = try await CurlResponse.send("GET", server.url("/api/v1/nowhere"), headers: site.bearer("nlink"))
        #expect(nowhere.status == 404)
        #expect(nowhere.object["error"] as? String == "not found")

        let document = try await CurlResponse.send("GET", server.url("/api/openapi.json"))
        #expect(document.status == 200)
        #expect(document.headers["content-type"] == "application/json")
        let file = TestPaths.repositoryRoot.appendingPathComponent("Sources/CrierHTTP/API/openapi.json")
        #expect(document.body == (try String(contentsOf: file, encoding: .utf8)))

        let metrics = try await CurlResponse.send("GET", server.url("/metrics"))
        #expect(metrics.body.contains(#"route="/api/v1/subscribers/{email}",status="401""#))
        #expect(try await server.stop().status == 0)
    }

    @Test("PUT creates then updates idempotently, DELETE unsubscribes, and every change is audited")
    func residents() async throws {
        let site = try await PartnerSite(prefix: "crier-api-residents")
        let server = try await ServingCrier(site.crier, ["serve", "--listen", "127.0.0.1:0"])

        let created = try await CurlResponse.send(
            "PUT", server.url(Self.resident), headers: site.json("nlink"), body: Self.annBody)
        #expect(created.status == 201, "\(created.body)")
        #expect(created.object["status"] as? String == "active")
        #expect(created.object["topics"] as? [String] == ["scams", "cyber-crime"])
        let again = try await CurlResponse.send(
            "PUT", server.url(Self.resident), headers: site.json("nlink"), body: Self.annBody)
        #expect(again.status == 200)
        #expect(again.body == created.body)
        let moved = try await CurlResponse.send(
            "PUT", server.url("/api/v1/subscribers/ANN%40example.org"), headers: site.json("nlink"),
            body: #"{"area": "east", "topics": ["all"], "language": "en"}"#)
        #expect(moved.status == 200)
        #expect(moved.object["area"] as? String == "east")
        #expect(moved.object["name"] as? String == "Ann")

        let listed = try await site.crier.run(["subscribers", "list", "--format", "json"])
        let people = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(people.count == 1)
        #expect(people.first?["area"] as? String == "east")
        #expect(people.first?["unsubscribed"] as? Bool == false)

        let untrusted = try await CurlResponse.send(
            "PUT", server.url("/api/v1/subscribers/bob@example.org"), headers: site.json("council"),
            body: Self.annBody)
        #expect(untrusted.status == 503, "no http.public_url nor relay here: no confirmation link can be sent")
        #expect((untrusted.object["error"] as? String)?.contains("must confirm by email") == true)

        let removed = try await CurlResponse.send("DELETE", server.url(Self.resident), headers: site.bearer("nlink"))
        #expect(removed.status == 204)
        let removedAgain = try await CurlResponse.send(
            "DELETE", server.url(Self.resident), headers: site.bearer("nlink"))
        #expect(removedAgain.status == 204)
        let unknown = try await CurlResponse.send(
            "DELETE", server.url("/api/v1/subscribers/nobody@example.org"), headers: site.bearer("nlink"))
        #expect(unknown.status == 404)
        #expect(unknown.object["error"] != nil)
        let resubscribe = try await CurlResponse.send(
            "PUT", server.url(Self.resident), headers: site.json("nlink"), body: Self.annBody)
        #expect(resubscribe.status == 409)
        #expect(resubscribe.object["field"] as? String == "email")

        let audit = try await site.crier.run(["audit", "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        let partnerEntries = entries.filter { $0["actor"] as? String == "partner nlink" }
        #expect(
            partnerEntries.compactMap { $0["action"] as? String } == [
                "subscriber-create", "subscriber-update", "subscriber-unsubscribe",
            ])
        #expect(!audit.stdout.contains("ann@example.org"))
        #expect(try await server.stop().status == 0)
    }

    static let refused: [(path: String, body: String, field: String)] = [
        (resident, #"{"area": "north", "topics": ["all"], "language": "en"}"#, "area"),
        (resident, #"{"area": "west", "topics": ["gossip"], "language": "en"}"#, "topics"),
        (resident, #"{"area": "west", "topics": [], "language": "en"}"#, "topics"),
        (resident, #"{"area": "west", "topics": "all", "language": "en"}"#, "topics"),
        (resident, #"{"area": "west", "topics": ["all"], "language": "xx"}"#, "language"),
        (resident, #"{"area": "west", "topics": ["all"]}"#, "language"),
        ("/api/v1/subscribers/not-an-address", #"{"area": "west", "topics": ["all"], "language": "en"}"#, "email"),
        (
            resident, #"{"area": "west", "topics": ["all"], "language": "en", "name": "Ann\r\nBcc: x@example.org"}"#,
            "name"
        ),
        (resident, #"{"area": "west", "topics": ["all"], "language": "en", "admin": true}"#, "admin"),
        ("/api/v1/areas/north/bulletin-items", #"{"title": "t", "body": "b"}"#, "area"),
        ("/api/v1/areas/west/bulletin-items", #"{"title": "t", "body": "b", "link": "javascript:alert(1)"}"#, "link"),
        ("/api/v1/areas/west/bulletin-items", #"{"title": "t", "body": "b", "expires": "2020-01-01"}"#, "expires"),
        ("/api/v1/areas/west/bulletin-items", #"{"title": "one\ntwo", "body": "b"}"#, "title"),
        ("/api/v1/areas/west/bulletin-items", #"{"body": "b"}"#, "title"),
    ]

    @Test("bad input is refused with 400 naming the field, and nothing is written")
    func refusals() async throws {
        let site = try await PartnerSite(prefix: "crier-api-refusals")
        let server = try await ServingCrier(site.crier, ["serve", "--listen", "127.0.0.1:0"])
        for (path, body, field) in Self.refused {
            let method = path.hasPrefix("/api/v1/subscribers/") ? "PUT" : "POST"
            let reply = try await CurlResponse.send(method, server.url(path), headers: site.json("nlink"), body: body)
            #expect(reply.status == 400, "\(path) \(body): \(reply.body)")
            #expect(reply.object["field"] as? String == field, "\(path) \(body): \(reply.body)")
        }
        let notJSON = try await CurlResponse.send(
            "PUT", server.url(Self.resident),
            headers: site.bearer("nlink").merging(["Content-Type": "text/plain"]) { $1 },
            body: Self.annBody)
        #expect(notJSON.status == 415)
        let broken = try await CurlResponse.send(
            "PUT", server.url(Self.resident), headers: site.json("nlink"), body: "{")
        #expect(broken.status == 400)
        #expect(broken.object["error"] as? String == "the body must be a JSON object")
        let badStatus = try await CurlResponse.send(
            "GET", server.url("/api/v1/alerts?status=test"), headers: site.bearer("reader"))
        #expect(badStatus.status == 400)
        #expect(badStatus.object["field"] as? String == "status")

        let listed = try await site.crier.run(["subscribers", "list", "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any])?.isEmpty == true)
        let items = try await site.crier.run(["bulletin", "list", "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(items.stdout.utf8)) as? [Any])?.isEmpty == true)
        #expect(try await server.stop().status == 0)
    }
}
