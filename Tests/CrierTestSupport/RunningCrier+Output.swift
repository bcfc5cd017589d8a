import Foundation

extension RunningCrier {
    /// What the child has written to standard output so far.
    public func outputSoFar() -> String {
        (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
    }

    /// What the child has written to standard error (its log) so far.
    public func logSoFar() -> String {
        (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
    }
}
