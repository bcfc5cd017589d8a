public import CrierTemplates

/// Why an alert or bulletin could not be composed: an unknown template, area or topic, a template
/// that would not render, or a subject that would corrupt an email header.
///
/// Template failures keep the `TemplateError` as their `cause`.
public struct CompositionError: BadInput, Equatable {
    private enum Code: Equatable, Sendable {
        case templatesFolderMissing(configurationFile: String, folder: String)
        case templates(TemplateError)
        case rendering(TemplateError)
        case unknownTemplate(String, known: String)
        case noArea
        case unknownTopic(String, known: String)
        case unknownArea(String, known: String)
        case unsafeVariable(name: String, problem: String, template: String, locale: String)
        case unsafeSubject(template: String, locale: String, problem: String)
        case notCAP(template: String, reason: String)
        case unknownAlertID(String)
        case malformedVariable(String)
        case repeatedVariable(String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// crier.yml names a templates folder that does not exist.
    public static func templatesFolderMissing(configurationFile: String, folder: String) -> CompositionError {
        CompositionError(.templatesFolderMissing(configurationFile: configurationFile, folder: folder))
    }

    /// The template library did not load.
    public static func templates(_ cause: TemplateError) -> CompositionError { CompositionError(.templates(cause)) }

    /// A template refused to render with the variables given.
    public static func rendering(_ cause: TemplateError) -> CompositionError { CompositionError(.rendering(cause)) }

    /// No template has this name.
    public static func unknownTemplate(_ name: String, known: String) -> CompositionError {
        CompositionError(.unknownTemplate(name, known: known))
    }

    /// `--area` was not given.
    public static let noArea = CompositionError(.noArea)

    /// `--topic` names a topic crier.yml does not list.
    public static func unknownTopic(_ topic: String, known: String) -> CompositionError {
        CompositionError(.unknownTopic(topic, known: known))
    }

    /// An area crier.yml does not list.
    public static func unknownArea(_ area: String, known: String) -> CompositionError {
        CompositionError(.unknownArea(area, known: known))
    }

    /// A variable brings a character a subject line cannot hold.
    public static func unsafeVariable(name: String, problem: String, template: String, locale: String)
        -> CompositionError
    {
        CompositionError(.unsafeVariable(name: name, problem: problem, template: template, locale: locale))
    }

    /// The template's own subject renders a character a subject line cannot hold.
    public static func unsafeSubject(template: String, locale: String, problem: String) -> CompositionError {
        CompositionError(.unsafeSubject(template: template, locale: locale, problem: problem))
    }

    /// The alert cannot be written as a CAP 1.2 document.
    public static func notCAP(template: String, reason: String) -> CompositionError {
        CompositionError(.notCAP(template: template, reason: reason))
    }

    /// A CAP reference names an alert the outbox does not hold.
    public static func unknownAlertID(_ id: String) -> CompositionError { CompositionError(.unknownAlertID(id)) }

    /// A `--var` argument without `=`.
    public static func malformedVariable(_ argument: String) -> CompositionError {
        CompositionError(.malformedVariable(argument))
    }

    /// The same `--var` name given twice.
    public static func repeatedVariable(_ name: String) -> CompositionError {
        CompositionError(.repeatedVariable(name))
    }

    /// The template problem underneath, when there is one.
    public var cause: TemplateError? {
        switch code {
        case .templates(let cause), .rendering(let cause): cause
        default: nil
        }
    }

    public var description: String {
        switch code {
        case .templatesFolderMissing(let file, let folder):
            "\(file): templates: the folder \(folder) does not exist"
        case .templates(let cause), .rendering(let cause):
            cause.description
        case .unknownTemplate(let name, let known):
            "unknown template \"\(name)\" (known: \(known))"
        case .noArea:
            "--area: give at least one area (or city)"
        case .unknownTopic(let topic, let known):
            "--topic: unknown topic \"\(topic)\" (known: \(known))"
        case .unknownArea(let area, let known):
            "unknown area \"\(area)\" (known: \(known))"
        case .unsafeVariable(let name, let problem, let template, let locale):
            "variable \(name): \(problem); it reaches the subject of template \(template) (\(locale))"
        case .unsafeSubject(let template, let locale, let problem):
            "template \(template) (\(locale)): the subject \(problem)"
        case .notCAP(let template, let reason):
            "template \(template): cannot be rendered as CAP: \(reason)"
        case .unknownAlertID(let id):
            "unknown alert id \"\(id)\""
        case .malformedVariable(let argument):
            "--var \"\(argument)\": expected name=value"
        case .repeatedVariable(let name):
            "--var \(name) is given twice"
        }
    }
}
