import CrierCore
public import CrierTemplates
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

    /// Loads every `.yml` file in `directory` (a missing folder is an empty catalog).
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
                schedules.append(
                    try build(mapping, id: String(name.dropLast(4)), configuration: configuration, library: library))
            } catch let problem as ConfigurationError {
                problems.append(problem)
            } catch {
                problems.append(ConfigurationError(file: display, line: nil, key: nil, message: "\(error)"))
            }
        }
        return ScheduleCatalog(schedules: schedules, problems: problems)
    }

    /// Parses one schedule's text as if it were the file `file` (its id is the name without `.yml`).
    public static func parse(
        _ text: String, file: String, configuration: CrierConfiguration, library: TemplateLibrary
    ) throws -> Schedule {
        let name = (file as NSString).lastPathComponent
        let id = name.hasSuffix(".yml") ? String(name.dropLast(4)) : name
        return try build(YAMLMapping.parse(text, file: file), id: id, configuration: configuration, library: library)
    }

    private static func build(
        _ root: YAMLMapping, id: String, configuration: CrierConfiguration, library: TemplateLibrary
    ) throws -> Schedule {
        var root = root
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        guard !id.isEmpty, id.allSatisfy({ allowed.contains($0) }) else {
            throw ConfigurationError(
                file: root.file, line: nil, key: nil,
                message: "the file name is the schedule id: use lower-case letters, digits, - and _ only")
        }

        let kindText = try root.string("kind") ?? Schedule.Kind.campaign.rawValue
        guard let kind = Schedule.Kind(rawValue: kindText) else {
            throw root.error("kind", "expected campaign or bulletin, found \"\(kindText)\"")
        }
        let summary = try root.string("description")

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

        guard let areas = try root.strings("areas"), !areas.isEmpty else {
            throw root.error(
                "areas", root.has("areas") ? "give at least one area (or city)" : "is required (an area id, or city)")
        }
        let knownAreas = [Area.cityID] + configuration.areas.map(\.id)
        for area in areas where !knownAreas.contains(area) {
            throw root.error("areas", "unknown area \"\(area)\" (known: \(knownAreas.joined(separator: ", ")))")
        }

        var channels: Set<Channel> = []
        for name in try root.strings("channels") ?? [] {
            guard let channel = Channel(rawValue: name) else {
                throw root.error("channels", "unknown channel \"\(name)\" (use email, webhook)")
            }
            channels.insert(channel)
        }

        let variables = try readVariables(&root, kind: kind, metadata: metadata)
        let timetable = try readTimetable(&root)
        let cap = try readCAP(&root, kind: kind, metadata: metadata)

        let zoneName = try root.string("timezone")
        var zone = configuration.timeZone
        if let zoneName {
            guard let named = TimeZone(identifier: zoneName) else {
                throw root.error(
                    "timezone", "unknown time zone \"\(zoneName)\" (use an IANA name such as Europe/London)")
            }
            zone = named
        }

        let quietText = try root.string("quiet_hours") ?? Schedule.QuietHoursPolicy.respect.rawValue
        guard let quiet = Schedule.QuietHoursPolicy(rawValue: quietText) else {
            throw root.error("quiet_hours", "expected respect or ignore, found \"\(quietText)\"")
        }
        let enabled = try root.bool("enabled") ?? true

        var period: TimeInterval = 7 * 86_400
        if let text = try root.string("period") {
            guard kind == .bulletin else { throw root.error("period", "only a bulletin (kind: bulletin) has a period") }
            do {
                period = try DurationText.seconds(text, field: "period")
            } catch {
                throw root.error("period", error.reason)
            }
            guard period > 0 else { throw root.error("period", "must be longer than zero") }
        }
        try root.finish(known: knownKeys)
        return Schedule(
            id: id, file: root.file, kind: kind, template: template, areas: areas, channels: channels,
            variables: variables, timetable: timetable, timeZone: zone, quietHours: quiet, enabled: enabled,
            period: period, summary: summary, cap: cap)
    }

    /// `vars`: each must be a declared text variable of the template, and every required one present.
    private static func readVariables(
        _ root: inout YAMLMapping, kind: Schedule.Kind, metadata: TemplateMetadata
    ) throws -> [String: TemplateValue] {
        let written = try root.scalarMap("vars") ?? []
        if kind == .bulletin {
            guard written.isEmpty else {
                throw root.error("vars", "a bulletin fills period and items itself; remove vars")
            }
            return [:]
        }
        var variables: [String: TemplateValue] = [:]
        for (name, value) in written {
            guard let spec = metadata.variable(named: name) else {
                let known = metadata.variables.map(\.name).sorted().joined(separator: ", ")
                throw root.error("vars", "template \(metadata.id) has no variable \"\(name)\" (it has: \(known))")
            }
            guard !spec.isList else {
                throw root.error("vars", "\"\(name)\" is a list variable; schedules give text values only")
            }
            variables[name] = .text(value)
        }
        for spec in metadata.variables where spec.required && !isGiven(variables[spec.name]) {
            throw root.error("vars", "template \(metadata.id) needs \"\(spec.name)\" (\(spec.description))")
        }
        return variables
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
        let library = try Composer.loadLibrary(for: configuration)
        let catalog = ScheduleLoader.load(
            directory: configuration.schedulesDirectory, configuration: configuration, library: library)
        return (library, catalog)
    }
}
