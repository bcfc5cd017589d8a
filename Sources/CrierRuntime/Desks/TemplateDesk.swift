import CrierTemplates
import Foundation

/// The desk for the advice templates: list them, check them strictly, and preview exactly what one
/// would send, without sending or storing anything.
///
/// It exists so the command line never handles the template library itself: it renders through the
/// system's one library and composer.
public struct TemplateDesk: Sendable {
    let system: CrierSystem
    let library: TemplateLibrary

    /// A desk over `system`'s templates; fails when they cannot be loaded.
    public init(system: CrierSystem) throws {
        self.system = system
        self.library = try system.templates()
    }

    /// Every template with its topic, locales and variables, by id.
    public func list() -> [TemplateSummary] {
        library.templates.sorted { $0.id < $1.id }.map { metadata in
            TemplateSummary(
                id: metadata.id, topic: metadata.topic, title: metadata.title, locales: metadata.locales,
                variables: metadata.variables.map { ($0.required ? "" : "?") + $0.name })
        }
    }

    /// Checks every template strictly: undeclared variables, unclosed sections, missing partials and parts.
    public func check() -> TemplateCheckReport {
        let problems = library.check()
        return TemplateCheckReport(
            problems: problems.map(\.description), errors: problems.filter { $0.severity == .error }.count,
            templates: library.templates.count)
    }

    /// `request` rendered in `locale` exactly as composing would, writing nothing.
    public func preview(_ request: CompositionRequest, locale: String) throws -> RenderedPreview {
        let parts = try Composer(system: system, library: library).render(request, locale: locale)
        return RenderedPreview(
            locale: parts.locale, subject: parts.subject, text: parts.text, html: parts.html,
            webhookJSON: String(decoding: parts.webhook, as: UTF8.self))
    }

    /// The CAP 1.2 document composing `request` would produce, writing nothing.
    public func previewCAP(_ request: CompositionRequest) throws -> String {
        try Composer(system: system, library: library).previewCAP(request)
    }
}

/// One template as `crier templates list` shows it; `?` marks an optional variable.
public struct TemplateSummary: Sendable, Encodable {
    public let id: String
    public let topic: String
    public let title: String
    public let locales: [String]
    public let variables: [String]
}

/// What checking every template found.
public struct TemplateCheckReport: Sendable {
    /// Every problem, errors first, one line each naming file, line and what is wrong.
    public let problems: [String]
    /// How many of the problems are errors (the rest are warnings).
    public let errors: Int
    /// How many templates were checked.
    public let templates: Int
}

/// A template rendered for a preview: the email parts and the webhook body.
public struct RenderedPreview: Sendable {
    /// The locale actually used after fallback.
    public let locale: String
    public let subject: String
    public let text: String
    public let html: String
    /// The webhook body, JSON text.
    public let webhookJSON: String
}
