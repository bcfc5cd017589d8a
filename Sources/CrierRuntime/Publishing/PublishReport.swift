/// What one publish run did: files rewritten, files already up to date, and messages left out with why.
public struct PublishReport: Sendable, Equatable {
    /// Paths relative to the publish folder whose bytes changed, in the order written.
    public var written: [String]
    /// How many files already held exactly the right bytes and were left alone.
    public var unchanged: Int
    /// Message id → why it was not published.
    public var skipped: [String: String]

    /// Creates a report.
    public init(written: [String] = [], unchanged: Int = 0, skipped: [String: String] = [:]) {
        self.written = written
        self.unchanged = unchanged
        self.skipped = skipped
    }
}
