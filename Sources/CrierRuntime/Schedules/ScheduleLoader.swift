import CrierCore
public import CrierTemplates
public import CrierYAML
public import Foundation

/// Reads `schedules/*.yml` strictly, checking each against the templates and areas it names.
///
/// Every problem is a `ConfigurationError` naming the file, the line and the field: unknown
/// template, area or time zone, a bad cron field, `until` before `from`, unknown or duplicate keys.
public enum ScheduleLoader {
    /// The keys a schedule file may hold.
    static let knownKeys = [
        "kind", "template", "areas", "channels", "vars", "cron", "at", "from", "until", "timezone", "quiet_hours",
        "enabled", "period", "description", "cap",
    ]

    /// Loads every `.yml` file in `directory` (a missing folder is an empty catalog); every problem of
    /// every file is reported, a file's unknown keys first.
    public static func load(
        directory: URL, configuration: CrierConfiguration, library: TemplateLibrary
    ) -> ScheduleCatalog {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yml") }.sorted()
        var schedules: [Schedule] = []
        var problems: [ConfigurationError] = []
        let folder = directory.lastPathComponent
        for name in names {
            let display = "\(folder)/\(name)"
            do {
                let mapping = try YAMLMapping.load(directory.appendingPathComponent(name), displayName: display)
                let checked = check(
                    mapping, id: String(name.dropLast(4)), configuration: configuration, library: library)
                if let schedule = checked.schedule { schedules.append(schedule) }
                problems += checked.problems
            } catch {
                problems.append(error)
            }
        }
        return ScheduleCatalog(schedules: schedules, problems: problems)
    }

    /// Parses one schedule's text as if it were the file `file` (its id is the name without `.yml`);
    /// throws its first problem.
    public static func parse(
        _ text: String, file: String, configuration: CrierConfiguration, library: TemplateLibrary
    ) throws -> Schedule {
        let checked = try problems(text, file: file, configuration: configuration, library: library)
        guard let schedule = checked.schedule else { throw checked.problems[0] }
        return schedule
    }

    /// Checks one schedule's text as if it were the file `file`: the schedule when it is valid, and
    /// every problem found, unknown keys first.
    public static func problems(
        _ text: String, file: String, configuration: CrierConfiguration, library: TemplateLibrary
    ) throws -> (schedule: Schedule?, problems: [ConfigurationError]) {
        let name = (file as NSString).lastPathComponent
        let id = name.hasSuffix(".yml") ? String(name.dropLast(4)) : name
        return check(try YAMLMapping.parse(text, file: file), id: id, configuration: configuration, library: library)
    }

    /// Every problem of one file: each part is checked even when an earlier one failed, except
    /// those that need an earlier part (the variables and CAP fields need a known template).
    private static func check(
        _ root: YAMLMapping, id: String, configuration: CrierConfiguration, library: TemplateLibrary
    ) -> (schedule: Schedule?, problems: [ConfigurationError]) {
        var root = root
        var problems = root.unknownKeys(known: knownKeys)
        func attempt<T>(_ body: () throws -> T) -> T? {
            do {
                return try body()
            } catch let problem as ConfigurationError {
                problems.append(problem)
            } catch {
                problems.append(ConfigurationError(file: root.file, line: nil, key: nil, message: "\(error)"))
            }
            return nil
        }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        if id.isEmpty || !id.allSatisfy({ allowed.contains($0) }) {
            problems.append(
                ConfigurationError(
                    file: root.file, line: nil, key: nil,
                    message: "the file name is the schedule id: use lower-case letters, digits, - and _ only"))
        }

        let kind = attempt { () throws -> Schedule.Kind in
            let kindText = try root.string("kind") ?? Schedule.Kind.campaign.rawValue
            guard let kind = Schedule.Kind(rawValue: kindText) else {
                throw root.error("kind", "expected campaign or bulletin, found \"\(kindText)\"")
            }
            return kind
        }
        let summary = attempt { try root.string("description") } ?? nil
        let metadata = attempt { () throws -> TemplateMetadata in
            let template: String
            if kind == .bulletin {
                template = try root.string("template") ?? BulletinComposer.templateID
                guard template == BulletinComposer.templateID else {
                    throw root.error("template", "a bulletin is composed with \(BulletinComposer.templateID)")
                }
            } else {
                template = try root.requiredString("template")
            }
            guard let metadata = library.metadata(for: template) else {
                let known = library.templates.map(\.id).sorted().joined(separator: ", ")
                throw root.error("template", "unknown template \"\(template)\" (known: \(known))")
            }
            return metadata
        }
        let areas = attempt { () throws -> [String] in
            guard let areas = try root.strings("areas"), !areas.isEmpty else {
                throw root.error(
                    "areas",
                    root.has("areas") ? "give at least one area (or city)" : "is required (an area id, or city)")
            }
            let knownAreas = [Area.cityID] + configuration.areas.map(\.id)
            for area in areas where !knownAreas.contains(area) {
                throw root.error("areas", "unknown area \"\(area)\" (known: \(knownAreas.joined(separator: ", ")))")
            }
            return areas
        }
        let channels = attempt { () throws -> Set<Channel> in
            var channels: Set<Channel> = []
            for name in try root.strings("channels") ?? [] {
                guard let channel = Channel(rawValue: name) else {
                    throw root.error("channels", "unknown channel \"\(name)\" (use email, webhook)")
                }
                channels.insert(channel)
            }
            return channels
        }
        var variables: [String: TemplateValue]?
        var cap: CAPClassification??
        if let kind, let metadata {
            variables = readVariables(&root, kind: kind, metadata: metadata, problems: &problems)
            cap = attempt { try readCAP(&root, kind: kind, metadata: metadata) }
        }
        let timetable = attempt { try readTimetable(&root) }
        let zone = attempt { () throws -> TimeZone in
            guard let zoneName = try root.string("timezone") else { return configuration.timeZone }
            guard let named = TimeZone(identifier: zoneName) else {
                throw root.error(
                    "timezone", "unknown time zone \"\(zoneName)\" (use an IANA name such as Europe/London)")
            }
            return named
        }
        let quiet = attempt { () throws -> Schedule.QuietHoursPolicy in
            let quietText = try root.string("quiet_hours") ?? Schedule.QuietHoursPolicy.respect.rawValue
            guard let quiet = Schedule.QuietHoursPolicy(rawValue: quietText) else {
                throw root.error("quiet_hours", "expected respect or ignore, found \"\(quietText)\"")
            }
            return quiet
        }
        let enabled = attempt { try root.bool("enabled") ?? true }
        let period = attempt { () throws -> TimeInterval in
            guard let text = try root.string("period") else { return 7 * 86_400 }
            guard kind != .campaign else { throw root.error("period", "only a bulletin (kind: bulletin) has a period") }
            let period: TimeInterval
            do {
                period = try DurationText.seconds(text, field: "period")
            } catch let error as TimeSyntaxError {
                throw root.error("period", error.reason)
            }
            guard period > 0 else { throw root.error("period", "must be longer than zero") }
            return period
        }
        guard problems.isEmpty, let kind, let metadata, let areas, let channels, let variables, let cap,
            let timetable, let zone, let quiet, let enabled, let period
        else {
            return (nil, problems)
        }
        let schedule = Schedule(
            id: id, file: root.file, kind: kind, template: metadata.id, areas: areas, channels: channels,
            variables: variables, timetable: timetable, timeZone: zone, quietHours: quiet, enabled: enabled,
            period: period, summary: summary, cap: cap)
        return (schedule, [])
    }

    /// `vars`: each must be a declared text variable of the template, and every required one
    /// present; every problem is added to `problems`.
    private static func readVariables(
        _ root: inout YAMLMapping, kind: Schedule.Kind, metadata: TemplateMetadata,
        problems: inout [ConfigurationError]
    ) -> [String: TemplateValue]? {
        let written: [(key: String, value: String)]
        do {
            written = try root.scalarMap("vars") ?? []
        } catch {
            problems.append(error)
            return nil
        }
        if kind == .bulletin {
            guard written.isEmpty else {
                problems.append(root.error("vars", "a bulletin fills period and items itself; remove vars"))
                return nil
            }
            return [:]
        }
        let before = problems.count
        var variables: [String: TemplateValue] = [:]
        for (name, value) in written {
            guard let spec = metadata.variable(named: name) else {
                let known = metadata.variables.map(\.name).sorted().joined(separator: ", ")
                problems.append(
                    root.error("vars", "template \(metadata.id) has no variable \"\(name)\" (it has: \(known))"))
                continue
            }
            guard !spec.isList else {
                problems.append(
                    root.error("vars", "\"\(name)\" is a list variable; schedules give text values only"))
                continue
            }
            variables[name] = .text(value)
        }
        for spec in metadata.variables where spec.required && !isGiven(variables[spec.name]) {
            problems.append(root.error("vars", "template \(metadata.id) needs \"\(spec.name)\" (\(spec.description))"))
        }
        return problems.count == before ? variables : nil
    }

    /// `cron` or `at`, and the optional `from`/`until` window.
    private static func readTimetable(_ root: inout YAMLMapping) throws -> Timetable {
        let cron = try root.string("cron")
        let at = try root.string("at")
        let fromText = try root.string("from")
        let untilText = try root.string("until")
        let window: ScheduleWindow
        do {
            window = try ScheduleWindow(parsingFrom: fromText, until: untilText)
        } catch {
            throw root.error(error.field, "\"\(error.text)\": \(error.reason)")
        }
        switch (cron, at) {
        case (let text?, nil):
            do {
                return try Timetable(cron: text, window: window)
            } catch {
                throw root.error("cron", "\"\(text)\": \(error.field): \"\(error.text)\": \(error.reason)")
            }
        case (nil, let text?):
            do {
                return try Timetable(at: text, window: window)
            } catch {
                throw root.error("at", "\"\(text)\": \(error.reason)")
            }
        case (.some, .some):
            throw root.error("at", "give either cron or at, not both")
        case (nil, nil):
            throw root.error("cron", "is required (or give at: for a one-off)")
        }
    }

    /// Whether a value counts as given for a required variable (not empty or blank).
    private static func isGiven(_ value: TemplateValue?) -> Bool {
        guard case .text(let text)? = value else { return value != nil }
        return !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

extension CrierSystem {
    /// The configured templates and the schedules in the configured folder, checked against them.
    public func loadSchedules() throws -> (library: TemplateLibrary, catalog: ScheduleCatalog) {
        (try templates(), try scheduleCatalog())
    }
}
