/// One finding of `TemplateLibrary.check()`: where it is (template, file, line, variable) and what is wrong.
public struct TemplateProblem: Sendable, Hashable, CustomStringConvertible {
    /// Whether a problem stops the template from being used or only deserves attention.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    /// The template id (folder name); `_partials` for a shared partial on its own.
    public var template: String
    /// The file, relative to the templates folder (e.g. `phishing-alert/text.pl.mustache`).
    public var file: String
    /// 1-based line in `file`, when the problem has a place.
    public var line: Int?
    /// The variable, section or partial name involved, when there is one.
    public var name: String?
    public var message: String

    /// Creates a problem; used by the checker and by tests that compare findings.
    public init(
        severity: Severity, template: String, file: String, line: Int? = nil, name: String? = nil, message: String
    ) {
        self.severity = severity
        self.template = template
        self.file = file
        self.line = line
        self.name = name
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(severity.rawValue): \(place): [\(template)] \(message)"
    }
}
