import CrierHTTP
import Testing

@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080), ("0.0.0.0:0", "0.0.0.0", 0), ("[::1]:9000", "::1", 9000),
        ("localhost:80", "localhost", 80),
    ])
    func parses(text: String, host: String, port: Int) throws {
        let address = try ListenAddress.parse(text).get()
        #expect(address == ListenAddress(host: host, port: port))
    }

    @Test(arguments: [
        "8080", "127.0.0.1", "127.0.0.1:70000", "127.0.0.1:-1", "::1:80", "example.org:80", "1.2.3:80", ":80",
    ])
    func refuses(text: String) {
        guard case .failure(let problem) = ListenAddress.parse(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(problem.description.contains(text))
    }

    @Test func describesIPv6InBrackets() {
        #expect(ListenAddress(host: "::1", port: 8080).description == "[::1]:8080")
    }
}
