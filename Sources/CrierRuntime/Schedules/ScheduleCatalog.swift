public import CrierYAML

/// Every schedule file of an installation, read and checked: the valid schedules and the problems.
///
/// `crier schedules check` prints the problems; `crier run` refuses to start while there are any,
/// unless told to skip the invalid files.
public struct ScheduleCatalog: Sendable {
    /// The valid schedules, ordered by id.
    public var schedules: [Schedule]
    /// One error per invalid file (naming file, line and field), ordered by file.
    public var problems: [ConfigurationError]

    /// A catalog from already-checked parts.
    public init(schedules: [Schedule], problems: [ConfigurationError] = []) {
        self.schedules = schedules.sorted { $0.id < $1.id }
        self.problems = problems
    }

    /// The schedules that fire (enabled ones).
    public var active: [Schedule] { schedules.filter(\.enabled) }

    /// How many schedule files are invalid (a file may have several problems).
    public var invalidFileCount: Int { Set(problems.map(\.file)).count }

    /// The schedule with `id`, if valid.
    public func schedule(_ id: String) -> Schedule? { schedules.first { $0.id == id } }
}
