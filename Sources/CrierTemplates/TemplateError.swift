public import CrierYAML

/// A template could not be loaded or rendered; the message names the file, line, key or variable to fix.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case unreadable(file: String, reason: String)
        case metadata(YAMLError)
        case unknownTemplate(String)
        case templateHasProblems(template: String, problems: [String])
        case missingVariables(template: String, names: [String])
        case unknownVariables(template: String, names: [String])
        case wrongVariableType(template: String, name: String, reason: String)
        case multilineSubject(template: String, locale: String, variable: String?)
        case invalidJSON(template: String, file: String, reason: String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    static func unreadable(file: String, reason: String) -> TemplateError {
        TemplateError(.unreadable(file: file, reason: reason))
    }

    static func metadata(file: String, line: Int?, key: String?, reason: String) -> TemplateError {
        TemplateError(.metadata(YAMLError(file: file, line: line, key: key, message: reason)))
    }

    /// A template.yml the strict YAML reader refused, keeping its file, line and key.
    static func metadata(_ problem: YAMLError) -> TemplateError { TemplateError(.metadata(problem)) }

    static func unknownTemplate(_ id: String) -> TemplateError { TemplateError(.unknownTemplate(id)) }

    static func templateHasProblems(template: String, problems: [String]) -> TemplateError {
        TemplateError(.templateHasProblems(template: template, problems: problems))
    }

    static func missingVariables(template: String, names: [String]) -> TemplateError {
        TemplateError(.missingVariables(template: template, names: names.sorted()))
    }

    static func unknownVariables(template: String, names: [String]) -> TemplateError {
        TemplateError(.unknownVariables(template: template, names: names.sorted()))
    }

    static func wrongVariableType(template: String, name: String, reason: String) -> TemplateError {
        TemplateError(.wrongVariableType(template: template, name: name, reason: reason))
    }

    static func multilineSubject(template: String, locale: String, variable: String?) -> TemplateError {
        TemplateError(.multilineSubject(template: template, locale: locale, variable: variable))
    }

    static func invalidJSON(template: String, file: String, reason: String) -> TemplateError {
        TemplateError(.invalidJSON(template: template, file: file, reason: reason))
    }

    /// The file, line and key of a template.yml problem; nil for other problems.
    public var metadataProblem: YAMLError? {
        if case .metadata(let problem) = kind { return problem }
        return nil
    }

    /// The variable names a render refused (missing or unknown), for callers that show them separately.
    public var variables: [String] {
        switch kind {
        case .missingVariables(_, let names), .unknownVariables(_, let names): names
        case .wrongVariableType(_, let name, _): [name]
        case .multilineSubject(_, _, let variable): variable.map { [$0] } ?? []
        default: []
        }
    }

    public var description: String {
        switch kind {
        case .unreadable(let file, let reason):
            return "\(file): cannot read: \(reason)"
        case .metadata(let problem):
            let place = problem.line.map { "\(problem.file):\($0)" } ?? problem.file
            return "\(place): key '\(problem.key ?? "(document)")': \(problem.message)"
        case .unknownTemplate(let id):
            return "no template named '\(id)'; run `crier templates check` to list the loaded templates"
        case .templateHasProblems(let template, let problems):
            return "template '\(template)' has errors, fix them first:\n" + problems.joined(separator: "\n")
        case .missingVariables(let template, let names):
            return "template '\(template)' needs variable(s) \(names.joined(separator: ", ")), which were not given"
        case .unknownVariables(let template, let names):
            return
                "template '\(template)' does not declare variable(s) \(names.joined(separator: ", ")); check the spelling against its template.yml"
        case .wrongVariableType(let template, let name, let reason):
            return "template '\(template)', variable '\(name)': \(reason)"
        case .multilineSubject(let template, let locale, let variable):
            if let variable {
                return
                    "template '\(template)' (\(locale)): variable '\(variable)' contains a line break, which a subject line cannot hold"
            }
            return
                "template '\(template)' (\(locale)): the subject part renders to more than one line; a subject must be a single line"
        case .invalidJSON(let template, let file, let reason):
            return
                "template '\(template)': \(file) does not produce valid JSON (\(reason)); fix the template's quotes and commas"
        }
    }
}
