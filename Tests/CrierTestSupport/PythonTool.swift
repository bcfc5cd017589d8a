import Foundation

/// Runs one of the Python clients in `Tests/servers` (with the test venv's interpreter) to the
/// end and hands back the JSON object it printed: the independent side of an HTTP check.
public enum PythonTool {
    /// Runs `script arguments...`; throws with its stderr when it fails or prints no JSON object.
    public static func json(_ script: String, _ arguments: [String]) async throws -> [String: Any] {
        let directory = try TestPaths.makeTemporaryDirectory(prefix: "crier-python")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out.json")
        let errors = directory.appendingPathComponent("err.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [TestPaths.python, TestPaths.serversDirectory.appendingPathComponent(script).path] + arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        let exit = ExitSignal()
        process.terminationHandler = { _ in exit.fire() }
        try process.run()
        await withCheckedContinuation { continuation in exit.whenFired { continuation.resume() } }
        let text = try Data(contentsOf: output)
        guard process.terminationStatus == 0,
            let object = try? JSONSerialization.jsonObject(with: text) as? [String: Any]
        else {
            let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw CrierBinary.Failure("\(script) failed (\(process.terminationStatus)): \(stderr)")
        }
        return object
    }
}
