import Foundation
import Testing

@testable import CrierHTTP

@Suite struct PublishedSiteTests {
    @Test(arguments: [
        ("/", ["index.html"]), ("/areas/east.html", ["areas", "east.html"]), ("/feeds/", ["feeds", "index.html"]),
        ("/cap/msg%5F1.xml", ["cap", "msg_1.xml"]),
    ])
    func mapsPathsToSegments(path: String, segments: [String]) {
        #expect(PublishedSite.segments(of: path) == segments)
    }

    @Test(arguments: [
        "/..", "/../x", "/%2e%2e/x", "/%2E%2E/x", "/areas/..%2Fx", "/a//b", "/.hidden", "/%00", "/a%5Cb", "x", "/a/%",
        "/%0a",
    ])
    func refusesAnythingButPlainNames(path: String) {
        #expect(PublishedSite.segments(of: path) == nil)
    }

    @Test("symbolic links leading out of the folder, folders and missing files are not served")
    func staysInsideTheFolder() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("crier-site-\(UUID().uuidString)")
        let folder = base.appendingPathComponent("public")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("areas"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        try "outside".write(to: base.appendingPathComponent("private.txt"), atomically: true, encoding: .utf8)
        try "<html></html>".write(to: folder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("leak.txt").path, withDestinationPath: "../private.txt")
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("home.html").path, withDestinationPath: "index.html")
        let site = PublishedSite(folder: folder)
        #expect(site.file(for: "/")?.size == 13)
        #expect(site.file(for: "/home.html") != nil, "a link inside the folder is fine")
        #expect(site.file(for: "/leak.txt") == nil)
        #expect(site.file(for: "/areas") == nil)
        #expect(site.file(for: "/areas/") == nil)
        #expect(site.file(for: "/missing.html") == nil)
    }

    @Test(arguments: [
        (["index.html"], "text/html; charset=utf-8"), (["feeds", "city.atom"], "application/atom+xml; charset=utf-8"),
        (["cap", "m.xml"], "application/cap+xml; charset=utf-8"), (["other.xml"], "application/xml; charset=utf-8"),
        (["x.bin"], "application/octet-stream"),
    ])
    func contentTypes(segments: [String], type: String) {
        #expect(SiteContentType.of(segments) == type)
    }

    @Test func httpDatesRoundTrip() throws {
        let date = Date(timeIntervalSince1970: 784_111_777)
        #expect(HTTPDate.format(date) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == date)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
    }
}
