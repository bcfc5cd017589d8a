public import Foundation

/// What Python's `email` package (policy.default) made of a message: the independent check on our MIME.
public struct ParsedEmail: Decodable, Sendable, Equatable {
    /// One MIME part of a multipart message.
    public struct Part: Decodable, Sendable, Equatable {
        public var contentType: String
        public var content: String
    }

    public var subject: String
    public var from: String
    public var to: String
    public var toDisplayName: String
    public var toAddress: String
    public var messageId: String
    /// The `Message-ID` an update or cancellation replies to; empty for a first message.
    public var inReplyTo: String
    public var references: String
    public var date: String
    public var listUnsubscribe: String
    public var listUnsubscribePost: String
    public var contentType: String
    public var parts: [Part]
    /// Names of the defects the parser found (empty for a clean message).
    public var defects: [String]
    /// The longest line, in bytes, without its CRLF.
    public var longestLine: Int
    /// Line feeds not preceded by a carriage return.
    public var bareLf: Int
}

/// Runs `Tests/servers/parse_email.py` on a message.
public enum PythonEmailParser {
    /// Parses `message` with Python's `email.message_from_bytes(..., policy=policy.default)`.
    public static func parse(_ message: Data) throws -> ParsedEmail {
        let directory = try TestPaths.makeTemporaryDirectory(prefix: "crier-email")
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("message.eml")
        let output = directory.appendingPathComponent("parsed.json")
        try message.write(to: input)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            TestPaths.python, TestPaths.serversDirectory.appendingPathComponent("parse_email.py").path,
        ]
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ParsedEmail.self, from: Data(contentsOf: output))
    }
}
