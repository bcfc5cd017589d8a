import CrierTestSupport
import Foundation
import Testing

/// The HTTP service's limits, through the binary: body caps, a slow-loris client cut off, per-client
/// rate limits on the token and sign-up routes, and security headers.
@Suite("end to end: HTTP limits", .serialized, .enabled(if: CrierBinary.isBuilt))
struct HTTPLimitsEndToEndTests {
    static func serve() async throws -> (InstallationFolder, RunningCrier, String) {
        let site = try InstallationFolder(
            prefix: "crier-e2e-limits",
            """
            http:
              idle_timeout: 2s
              body_timeout: 3s
              max_body_bytes: 2048
              rate_limits: { tokens: { per_minute: 6, burst: 3 }, signup: { per_minute: 2, burst: 2 } }
              trusted_proxies: [127.0.0.1]
            """)
        let server = try site.crier.start(["serve", "--listen", "127.0.0.1:0"])
        return (site, server, try await server.listeningURL().absoluteString)
    }

    @Test("413 over max_body_bytes, by Content-Length or while reading a chunked body")
    func bodyCap() async throws {
        let (site, server, url) = try await Self.serve()
        defer {
            kill(server.processIdentifier, SIGTERM)
            site.remove()
        }
        let big = site.directory.appendingPathComponent("big.txt")
        try String(repeating: "x", count: 4096).write(to: big, atomically: true, encoding: .utf8)
        let declared = try await CurlResponse.fetch(url + "/unsubscribe/TESTTOKEN", ["--data-binary", "@\(big.path)"])
        #expect(declared.status == 413)
        let chunked = try await CurlResponse.fetch(
            url + "/subscribe", ["-H", "Transfer-Encoding: chunked", "--data-binary", "@\(big.path)"])
        #expect(chunked.status == 413)
        #expect(!declared.body.contains("Error") && !declared.body.contains("Swift"))
        let small = try await CurlResponse.fetch(url + "/healthz")
        #expect(small.status == 200)
    }

    @Test("a client trickling its head is cut off after idle_timeout, its body after body_timeout (408)")
    func slowLoris() async throws {
        let (site, server, url) = try await Self.serve()
        defer {
            kill(server.processIdentifier, SIGTERM)
            site.remove()
        }
        let port = try #require(url.split(separator: ":").last.map(String.init))
        let started = Date()
        let loris = try await PythonTool.json("slow_loris.py", ["127.0.0.1", port, "0.25", "20"])
        #expect(loris["closed"] as? Bool == true, "\(loris)")
        let seconds = try #require(loris["seconds"] as? Double)
        #expect(seconds >= 1.5 && seconds < 6, "closed after \(seconds) s")
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(try await CurlResponse.fetch(url + "/healthz").status == 200)

        // A complete head and a trickled body: 408 once body_timeout has passed.
        let slowBody = try await PythonTool.json("slow_loris.py", ["127.0.0.1", port, "0.25", "20", "body"])
        #expect(slowBody["closed"] as? Bool == true, "\(slowBody)")
        #expect((slowBody["answer"] as? String)?.hasPrefix("HTTP/1.1 408") == true, "\(slowBody)")
        let bodySeconds = try #require(slowBody["seconds"] as? Double)
        #expect(bodySeconds >= 2.5 && bodySeconds < 8, "answered after \(bodySeconds) s")
        #expect(try await CurlResponse.fetch(url + "/healthz").status == 200)
    }

    @Test("per-client limits by path prefix: 429 with Retry-After on token and sign-up routes only")
    func rateLimits() async throws {
        let (site, server, url) = try await Self.serve()
        defer {
            kill(server.processIdentifier, SIGTERM)
            site.remove()
        }
        var statuses: [Int] = []
        for index in 0..<4 {
            let response = try await CurlResponse.fetch(
                url + "/unsubscribe/TESTTOKEN\(index)", ["--data", "List-Unsubscribe=One-Click"])
            statuses.append(response.status)
            if index == 3 {
                let retry = try #require(response.headers["retry-after"].flatMap { Int($0) })
                #expect(retry >= 1 && retry <= 10)
                #expect(response.body == "too many requests; try again later\n")
            }
        }
        #expect(statuses.prefix(3).allSatisfy { $0 != 429 }, "\(statuses)")
        #expect(statuses.last == 429)
        // The same bucket covers /preferences/; another prefix has its own.
        #expect(try await CurlResponse.fetch(url + "/preferences/TESTTOKEN").status == 429)
        // Behind a trusted proxy, X-Forwarded-For names the client: another client has its own bucket,
        // and the proxy's own address (the right-most hop) is never taken for the client.
        let forwarded = ["-H", "X-Forwarded-For: 192.0.2.10, 203.0.113.7"]
        #expect(try await CurlResponse.fetch(url + "/preferences/TESTTOKEN", forwarded).status != 429)
        #expect(
            try await CurlResponse.fetch(url + "/preferences/TESTTOKEN", ["-H", "X-Forwarded-For: 127.0.0.1"]).status
                == 429)
        // Only sign-up POSTs count: reading the form uses up nothing.
        let forms = try await (0..<3).asyncMap { _ in try await CurlResponse.fetch(url + "/subscribe").status }
        #expect(!forms.contains(429), "\(forms)")
        let signups = try await (0..<3).asyncMap { _ in
            try await CurlResponse.fetch(url + "/subscribe", ["-d", "email=someone%40example.org"]).status
        }
        #expect(signups.prefix(2).allSatisfy { $0 != 429 } && signups.last == 429, "\(signups)")
        #expect(try await CurlResponse.fetch(url + "/subscribers").status != 429)
        // Operational routes are never limited.
        for _ in 0..<10 { #expect(try await CurlResponse.fetch(url + "/healthz").status == 200) }
    }
}

extension Sequence {
    /// `map` with an async transform, in order.
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
