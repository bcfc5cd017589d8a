import CrierTestSupport
import Foundation
import Testing

/// The published site served by `crier serve`: what `crier publish` wrote, with its content types
/// and validators, and nothing outside the folder.
@Suite("end to end: the published site over HTTP", .serialized, .enabled(if: CrierBinary.isBuilt))
struct HTTPSiteEndToEndTests {
    @Test("index, areas, feeds and CAP with types, ETag/Last-Modified, 304, HEAD; routes win; no traversal")
    func servesThePublishedFolder() async throws {
        let site = try InstallationFolder(prefix: "crier-e2e-site", "publish: { dir: public }")
        defer { site.remove() }
        let published = try await site.crier.run(["publish"])
        #expect(published.status == 0, "\(published.stderr)")
        let folder = site.directory.appendingPathComponent("public")
        // Outside the folder: must never be served, directly or through a link inside it.
        let secret = "TEST-ONLY private file outside the published folder"
        try secret.write(to: site.directory.appendingPathComponent("private.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("areas/leak.html").path, withDestinationPath: "../../private.txt")
        try #"<?xml version="1.0"?><!-- TEST sample, not an alert -->"#.write(
            to: folder.appendingPathComponent("cap/test-sample.xml"), atomically: true, encoding: .utf8)
        try "a file named like a route".write(
            to: folder.appendingPathComponent("healthz"), atomically: true, encoding: .utf8)

        let server = try site.crier.start(["serve", "--listen", "127.0.0.1:0"])
        defer { kill(server.processIdentifier, SIGTERM) }
        let url = try await server.listeningURL().absoluteString

        let index = try await CurlResponse.fetch(url + "/")
        #expect(index.status == 200)
        #expect(index.headers["content-type"] == "text/html; charset=utf-8")
        #expect(index.body.contains("<html"))
        #expect(index.headers["x-content-type-options"] == "nosniff")
        #expect(index.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        #expect(index.headers["cache-control"] == "no-cache")
        let tag = try #require(index.headers["etag"])
        let modified = try #require(index.headers["last-modified"])
        #expect(modified.hasSuffix(" GMT"))
        #expect(try await CurlResponse.fetch(url + "/index.html").body == index.body)

        let area = try await CurlResponse.fetch(url + "/areas/east.html")
        #expect(area.status == 200 && area.headers["content-type"] == "text/html; charset=utf-8")
        let feed = try await CurlResponse.fetch(url + "/feeds/city.atom")
        #expect(feed.status == 200)
        #expect(feed.headers["content-type"]?.hasPrefix("application/atom+xml") == true)
        #expect(feed.body.contains("<feed"))
        let cap = try await CurlResponse.fetch(url + "/cap/test-sample.xml")
        #expect(cap.status == 200 && cap.headers["content-type"]?.hasPrefix("application/cap+xml") == true)

        // Conditional requests: If-None-Match decides when present.
        let unchanged = try await CurlResponse.fetch(url + "/", ["-H", "If-None-Match: \(tag)"])
        #expect(unchanged.status == 304 && unchanged.body.isEmpty && unchanged.headers["etag"] == tag)
        let notModified = try await CurlResponse.fetch(url + "/", ["-H", "If-Modified-Since: \(modified)"])
        #expect(notModified.status == 304)
        let otherTag = try await CurlResponse.fetch(
            url + "/", ["-H", "If-None-Match: \"other\"", "-H", "If-Modified-Since: \(modified)"])
        #expect(otherTag.status == 200 && otherTag.body == index.body)
        let older = try await CurlResponse.fetch(url + "/", ["-H", "If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT"])
        #expect(older.status == 200)

        // HEAD: the GET's headers, no body.
        let head = try await CurlResponse.fetch(url + "/feeds/city.atom", ["-I"])
        // (with -I curl writes the header block where the body would go: no feed may follow it)
        #expect(head.status == 200 && !head.body.contains("<feed"))
        #expect(head.headers["content-length"] == String(feed.body.utf8.count))
        #expect(head.headers["etag"] == feed.headers["etag"])

        // Routes win over files; a file replaced on disk (as the publisher does) gets a new tag.
        #expect(try await CurlResponse.fetch(url + "/healthz").body == "ok\n")
        try index.body.replacingOccurrences(of: "</body>", with: "<p>TEST change</p></body>").write(
            to: folder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let after = try await CurlResponse.fetch(url + "/", ["-H", "If-None-Match: \(tag)"])
        #expect(after.status == 200 && after.headers["etag"] != tag)

        // No traversal (plain, encoded, through a symbolic link), no listings, no hidden files.
        for path in [
            "/../private.txt", "/%2e%2e/private.txt", "/areas/%2E%2E/%2e%2e/private.txt",
            "/areas/..%2f..%2fprivate.txt",
            "/areas/leak.html", "/areas/", "/areas", "/cap", "/%00", "/.tmp", "/areas/east.html%00.txt",
        ] {
            let refused = try await CurlResponse.fetch(url + path)
            #expect(refused.status == 404, "\(path): \(refused.status)")
            #expect(!refused.body.contains("TEST-ONLY"), "\(path) served the private file")
        }
        let post = try await CurlResponse.fetch(url + "/index.html", ["-X", "POST", "--data", "x=1"])
        #expect(post.status == 404 || post.status == 405)
    }
}
