public import Foundation

/// The independent validators published files must satisfy: `xmllint` against the OASIS CAP 1.2
/// schema, and Python's `feedparser` for the Atom feeds.
public enum PublishedFileChecks {
    /// The CAP 1.2 schema shared by every developer and CI: `$CRIER_SHARED_DIR/cap/cap12.xsd`, else
    /// `shared/cap/cap12.xsd` beside the repository.
    public static var capSchema: URL {
        let shared =
            ProcessInfo.processInfo.environment["CRIER_SHARED_DIR"].map { URL(fileURLWithPath: $0) }
            ?? TestPaths.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return shared.appendingPathComponent("cap/cap12.xsd")
    }

    /// `xmllint --noout --schema cap12.xsd FILE`: nil when valid, else what xmllint said.
    public static func capSchemaProblems(_ file: URL) throws -> String? {
        let result = try run(["xmllint", "--noout", "--schema", capSchema.path, file.path])
        return result.status == 0 ? nil : result.output
    }

    /// What feedparser read from an Atom feed: its bozo flag, entry titles and CAP links.
    public struct Feed: Decodable, Sendable {
        public var bozo: Int
        public var reason: String
        public var ids: [String]
        public var titles: [String]
        public var links: [String]
    }

    /// Parses `file` with feedparser.
    public static func feed(_ file: URL) throws -> Feed {
        let script = """
            import sys, json, feedparser
            d = feedparser.parse(open(sys.argv[1], 'rb').read())
            print(json.dumps({'bozo': int(d.bozo), 'reason': str(d.get('bozo_exception', '')),
                'ids': [e.id for e in d.entries], 'titles': [e.title for e in d.entries],
                'links': [l.href for e in d.entries for l in e.links if l.get('type') == 'application/cap+xml']}))
            """
        let result = try run([TestPaths.python, "-c", script, file.path])
        guard result.status == 0 else {
            throw TestServerError.launchFailed(script: "feedparser on \(file.path)", underlying: result.output)
        }
        return try JSONDecoder().decode(Feed.self, from: Data(result.output.utf8))
    }

    /// Runs a command found on `PATH`, returning its exit status and combined output.
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
