import CrierTestSupport
import Foundation
import Testing

/// Whether Debian's `chromium` is installed (scripts/setup.sh installs it).
private let chromiumPath = ["/usr/bin/chromium", "/usr/local/bin/chromium"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

@Suite(
    .enabled(if: CrierBinary.isBuilt, "build crier first: swift build"),
    .enabled(if: chromiumPath != nil, "chromium is not installed: run scripts/setup.sh"), .serialized)
struct PreferencesBrowserEndToEndTests {
    /// A headless browser 390 px wide (a small phone) loads the preferences page, changes the
    /// area, topics and language with the form's own controls and presses Save: the answer is the
    /// saved page in the new language, nothing is wider than the screen, the style sheet applied
    /// under the Content-Security-Policy, and every control has a label.
    @Test func phoneSizedBrowserSubmitsThePreferencesForm() async throws {
        let site = try await ResidentSite(prefix: "crier-e2e-browser")
        let ann = try site.token("ann@example.org")
        let run = try await Self.browse(
            site.url("preferences/\(ann)"),
            set: ["area=east", "topic-all=off", "topic-asb=on", "topic-scams=off", "language=pl"])

        let before = try #require(run["before"] as? [String: Any])
        let after = try #require(run["after"] as? [String: Any])
        for (name, page) in [("before", before), ("after", after)] {
            let width = try #require(Self.number(page["innerWidth"]))
            #expect(width == 390, "\(name)")
            #expect(Self.number(page["scrollWidth"]) ?? .infinity <= width, "\(name): wider than the screen")
            #expect(Self.number(page["widestRight"]) ?? .infinity <= width + 0.5, "\(name): an element overflows")
            #expect(page["bodyFontSize"] as? String == "20px", "\(name): the style sheet did not apply")
            #expect((page["unlabelled"] as? [String])?.isEmpty == true, "\(name): controls without a label")
        }
        #expect(before["lang"] as? String == "en")
        #expect(after["lang"] as? String == "pl")
        let html = try #require(after["html"] as? String)
        #expect(html.contains("role=\"status\""))
        #expect(html.contains("<option value=\"east\" selected=\"\">"))

        let listed = try #require(try await site.listed()["ann@example.org"])
        #expect(listed["area"] as? String == "east")
        #expect(listed["topics"] as? [String] == ["cyber-crime", "asb"])
        #expect(listed["locale"] as? String == "pl")

        _ = try await site.serving.stop()
    }

    /// A JSON number, whichever type the parser gave it.
    static func number(_ value: Any?) -> Double? {
        switch value {
        case let double as Double: double
        case let integer as Int: Double(integer)
        case let number as NSNumber: number.doubleValue
        default: nil
        }
    }

    /// Runs Tests/servers/browse_form.py against `url`, setting `set` (ID=VALUE) before submitting.
    static func browse(_ url: URL, set: [String]) async throws -> [String: Any] {
        let script = TestPaths.serversDirectory.appendingPathComponent("browse_form.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", script, "--url", url.absoluteString, "--chromium", chromiumPath ?? "chromium"]
            + set.flatMap { ["--set", $0] }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw CrierBinary.Failure("browse_form.py failed: \(String(decoding: problem, as: UTF8.self))")
        }
        return object
    }
}
