import CrierCore
import CrierYAML
import Foundation
import Testing

@testable import CrierRuntime

@Suite("schedule files")
struct ScheduleLoaderTests {
    /// Each invalid fixture, the line and field its error must name, and words from the message.
    static let invalid: [(file: String, line: Int, key: String, words: String)] = [
        ("bad-minute", 3, "cron", "61 is out of range 0-59"),
        ("zero-step", 3, "cron", "step must be positive"),
        ("four-fields", 3, "cron", "expected 5 fields"),
        ("unknown-template", 1, "template", "unknown template \"weather-warning\""),
        ("unknown-area", 2, "areas", "unknown area \"north\""),
        ("unknown-timezone", 4, "timezone", "unknown time zone \"Europe/Leicester\""),
        ("until-before-from", 5, "until", "is before from"),
        ("unknown-key", 4, "colour", "unknown key"),
        ("duplicate-key", 4, "cron", "duplicate key"),
        ("missing-variable", 1, "vars", "needs \"occasion\""),
        ("unknown-variable", 5, "vars", "has no variable \"venue\""),
        ("cron-and-at", 4, "at", "either cron or at"),
        ("bad-quiet-hours", 4, "quiet_hours", "expected respect or ignore"),
        ("no-such-date", 3, "at", "no such date"),
        ("bad-cap-urgency", 4, "cap.urgency", "\"Soon\" is not a CAP 1.2 urgency"),
        ("bad-cap-certainty", 6, "cap.certainty", "\"Maybe\" is not a CAP 1.2 certainty"),
        ("unknown-cap-key", 4, "cap.colour", "unknown key"),
    ]

    @Test("each invalid file is refused naming file, line and field", arguments: invalid)
    func refuses(_ fixture: (file: String, line: Int, key: String, words: String)) throws {
        let url = ScheduleTestSupport.fixtures.appendingPathComponent("\(fixture.file).yml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let error = try #require(throws: ConfigurationError.self) {
            try ScheduleTestSupport.schedule(fixture.file, text)
        }
        #expect(error.file == "schedules/\(fixture.file).yml")
        #expect(error.key == fixture.key, "\(error)")
        #expect(error.line == fixture.line, "\(error)")
        #expect(error.message.contains(fixture.words), "\(error)")
    }

    @Test("the loader reports every invalid file in a folder and keeps the valid ones")
    func folderWithProblems() throws {
        let configuration = try ScheduleTestSupport.configuration()
        let catalog = ScheduleLoader.load(
            directory: ScheduleTestSupport.fixtures, configuration: configuration,
            library: try ScheduleTestSupport.library())
        #expect(catalog.schedules.isEmpty)
        #expect(Set(catalog.problems.map(\.file)).count == Self.invalid.count)
        #expect(catalog.problems.allSatisfy { $0.file.hasPrefix("schedules/") })
    }

    @Test("a misspelt key is reported first, on its own line, and every other problem of the file too")
    func everyProblemOfAFile() throws {
        let text = """
            template: courier-fraud
            areas: [north]
            shedule: "0 11 * * *"
            quiet_hours: sometimes
            vars: { pretend_to_be: police }
            """
        let checked = try ScheduleLoader.problems(
            text, file: "schedules/typo.yml", configuration: try ScheduleTestSupport.configuration(),
            library: try ScheduleTestSupport.library())
        #expect(checked.schedule == nil)
        #expect(checked.problems.map(\.key) == ["shedule", "areas", "cron", "quiet_hours"], "\(checked.problems)")
        #expect(checked.problems.first?.line == 3)
        #expect(checked.problems.first?.message.hasPrefix("unknown key") == true)
    }

    @Test("every shipped schedule passes the check")
    func shippedSchedules() throws {
        let configuration = try ScheduleTestSupport.configuration()
        let catalog = ScheduleLoader.load(
            directory: configuration.schedulesDirectory, configuration: configuration,
            library: try ScheduleTestSupport.library())
        #expect(catalog.problems.isEmpty, "\(catalog.problems)")
        let ids = Set(catalog.schedules.map(\.id))
        for area in ["west", "central", "south", "east"] { #expect(ids.contains("bulletin-\(area)")) }
        #expect(catalog.schedules.filter { $0.kind == .bulletin }.count == 4)
        #expect(catalog.schedules.count >= 12)
    }

    @Test("defaults: all channels, respect quiet hours, enabled, seven-day bulletin period, crier.yml's zone")
    func defaults() throws {
        let schedule = try ScheduleTestSupport.schedule(
            "weekly", "kind: bulletin\nareas: [west]\ncron: \"0 9 * * MON\"")
        #expect(schedule.template == "area-bulletin")
        #expect(schedule.channels.isEmpty)
        #expect(schedule.quietHours == .respect)
        #expect(schedule.enabled)
        #expect(schedule.period == 7 * 86_400)
        #expect(schedule.timeZone.identifier == "Europe/London")
    }
}
