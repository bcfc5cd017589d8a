/// Why a schedule command's options were refused: a `--from`/`--to` style time that does not
/// parse or does not exist in the zone, or a rehearsal pointed at the live database.
public struct ScheduleRunError: BadInput, Equatable {
    private enum Code: Equatable, Sendable {
        case notATime(option: String, text: String)
        case skippedTime(option: String, text: String, zone: String)
        case liveDatabase(path: String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// `text`, given to `option`, is neither a date, a local date-time nor ISO 8601.
    public static func notATime(option: String, text: String) -> ScheduleRunError {
        ScheduleRunError(.notATime(option: option, text: text))
    }

    /// `text` names a local time the zone's clock never shows.
    public static func skippedTime(option: String, text: String, zone: String) -> ScheduleRunError {
        ScheduleRunError(.skippedTime(option: option, text: text, zone: zone))
    }

    /// A rehearsal was given the live database as its copy.
    public static func liveDatabase(path: String) -> ScheduleRunError { ScheduleRunError(.liveDatabase(path: path)) }

    public var description: String {
        switch code {
        case .notATime(let option, let text):
            "\(option): \"\(text)\": expected a date (2026-03-29), a local date-time (2026-03-29T09:00) "
                + "or ISO 8601 with an offset (2026-03-29T09:00:00+01:00)"
        case .skippedTime(let option, let text, let zone):
            "\(option): \"\(text)\": not a time in \(zone)"
        case .liveDatabase(let path):
            "--simulate-database: \(path) is the live database; a rehearsal would record its slots "
                + "as fired. Copy it first (sqlite3 LIVE \".backup COPY\") and name the copy"
        }
    }
}
