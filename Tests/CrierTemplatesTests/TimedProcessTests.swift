import Foundation
import Testing

@Suite("Running outside tools with a time limit")
struct TimedProcessTests {
    @Test("a run past its time limit is killed and reported, without waiting for it")
    func killedAfterTimeout() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crier-timed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: TimedProcess.Failure.self) {
            _ = try await TimedProcess.run(
                URL(fileURLWithPath: "/bin/sleep"), ["300"], in: scratch, timeout: .milliseconds(500))
        }
        // Killed long before the sleep would end, with room for a loaded two-core machine.
        #expect(clock.now - start < .seconds(120))
    }

    @Test("a run within its time limit returns its status and output")
    func finishes() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crier-timed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = try await TimedProcess.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "echo out; echo err >&2; exit 3"], in: scratch,
            timeout: .seconds(30))
        #expect(output.status == 3)
        #expect(output.standardOutput == "out\n")
        #expect(output.standardError == "err\n")
    }
}
