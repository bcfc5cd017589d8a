import CrierCore
import Foundation
internal import Mustache

extension TemplateLibrary {
    /// The locale a request for `requested` gets from this template (`pl-PL` → `pl` → `en`).
    public func resolvedLocale(template id: String, requested: String) throws -> String {
        guard let template = templatesByID[id] else { throw TemplateError.unknownTemplate(id) }
        return LocaleChain.resolve(requested, available: template.metadata.locales)
    }

    /// Renders every part of a template for one locale, refusing missing, unknown or unsafe values.
    public func render(
        template id: String, locale requested: String, variables: [String: TemplateValue], context: RenderContext
    ) throws -> RenderedParts {
        guard let template = templatesByID[id] else { throw TemplateError.unknownTemplate(id) }
        let errors = problems.filter { $0.template == id && $0.severity == .error }
        guard errors.isEmpty else {
            throw TemplateError.templateHasProblems(template: id, problems: errors.map(\.description))
        }
        let metadata = template.metadata
        try validate(variables, for: metadata)
        let locale = LocaleChain.resolve(requested, available: metadata.locales)

        var values = context.builtIns(locale: locale)
        for (name, value) in variables {
            if case .text(let text) = value, text.isEmpty { continue }
            values[name] = value
        }

        // The subject must stay one line: refuse line breaks in any value it uses, naming the variable.
        let subjectNames = usedNames[id]?[PartKey(kind: .subject, locale: locale)] ?? []
        for name in subjectNames.sorted() {
            if case .text(let text) = values[name], text.contains(where: \.isNewline) {
                throw TemplateError.multilineSubject(template: id, locale: locale, variable: name)
            }
        }

        let plain = values.mapValues { $0.mustacheValue { $0 } }
        let rawSubject = try renderPart(.subject, template: template, locale: locale, values: plain)
        let subject = rawSubject.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !subject.contains(where: \.isNewline) else {
            throw TemplateError.multilineSubject(template: id, locale: locale, variable: nil)
        }
        var text = try renderPart(.text, template: template, locale: locale, values: plain)
        let note = context.updateNote(locale: locale)
        if !note.isEmpty { text = note + "\n\n" + text }
        let html = try renderPart(.html, template: template, locale: locale, values: plain)

        let webhook: Data
        if hasPart(.webhook, template: template, locale: locale) {
            let encoded = values.mapValues { $0.mustacheValue(JSONText.escape) }
            let body = try renderPart(.webhook, template: template, locale: locale, values: encoded)
            let data = Data(body.utf8)
            do {
                _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            } catch {
                let file = partKey(.webhook, template: template, locale: locale).map {
                    "\(id)/webhook.\($0.locale).mustache"
                }
                throw TemplateError.invalidJSON(template: id, file: file ?? id, reason: "\(error)")
            }
            webhook = data
        } else {
            var instruction: String?
            if case .text(let value) = variables["instruction"] { instruction = value }
            let cap = metadata.cap.classified(as: context.cap)
            webhook = try DefaultWebhookBody(
                template: id, topic: metadata.topic, title: metadata.title, headline: subject,
                description: text.trimmingCharacters(in: .whitespacesAndNewlines), instruction: instruction,
                areas: context.areas.map { .init(id: $0.id, name: $0.name) }, locale: locale,
                status: context.status.rawValue.capitalized, msgType: context.kind.rawValue.capitalized,
                id: context.alertID, references: context.references.isEmpty ? nil : context.references,
                sender: context.senderName, sent: context.sentISO8601,
                category: cap.category.rawValue, event: cap.event,
                urgency: cap.urgency.rawValue, severity: cap.severity.rawValue,
                certainty: cap.certainty.rawValue, responseType: cap.responseType.rawValue,
                changed: context.kind == .update ? context.changes : nil
            ).encoded()
        }
        return RenderedParts(template: id, locale: locale, subject: subject, text: text, html: html, webhook: webhook)
    }

    /// Renders a template with the `example` of every declared variable, for previews and checks.
    public func renderExample(template id: String, locale: String, context: RenderContext) throws -> RenderedParts {
        guard let metadata = metadata(for: id) else { throw TemplateError.unknownTemplate(id) }
        var variables: [String: TemplateValue] = [:]
        for variable in metadata.variables {
            if let example = variable.example { variables[variable.name] = example }
        }
        return try render(template: id, locale: locale, variables: variables, context: context)
    }

    private func validate(_ variables: [String: TemplateValue], for metadata: TemplateMetadata) throws {
        let unknown = variables.keys.filter { metadata.variable(named: $0) == nil }
        guard unknown.isEmpty else { throw TemplateError.unknownVariables(template: metadata.id, names: unknown) }
        let missing = metadata.variables.filter { spec in
            spec.required && !(variables[spec.name]?.isPresent ?? false)
        }
        guard missing.isEmpty else {
            throw TemplateError.missingVariables(template: metadata.id, names: missing.map(\.name))
        }
        for (name, value) in variables {
            guard let spec = metadata.variable(named: name) else { continue }
            switch value {
            case .list(let items):
                guard spec.isList else {
                    throw TemplateError.wrongVariableType(
                        template: metadata.id, name: name, reason: "is text, not a list")
                }
                let allowed = Set(spec.fieldNames)
                for item in items {
                    let extra = item.keys.filter { !allowed.contains($0) }.sorted()
                    guard extra.isEmpty else {
                        throw TemplateError.wrongVariableType(
                            template: metadata.id, name: name,
                            reason:
                                "items have undeclared field(s) \(extra.joined(separator: ", ")); declared: \(spec.fieldNames.joined(separator: ", "))"
                        )
                    }
                }
            case .text, .flag:
                guard !spec.isList else {
                    throw TemplateError.wrongVariableType(
                        template: metadata.id, name: name, reason: "is a list; give a list of items")
                }
            }
        }
    }

    private func partKey(_ kind: PartKind, template: LoadedTemplate, locale: String) -> PartKey? {
        let own = PartKey(kind: kind, locale: locale)
        if template.compiled[own] != nil { return own }
        let fallback = PartKey(kind: kind, locale: "en")
        return template.compiled[fallback] != nil ? fallback : nil
    }

    private func hasPart(_ kind: PartKind, template: LoadedTemplate, locale: String) -> Bool {
        partKey(kind, template: template, locale: locale) != nil
    }

    private func renderPart(_ kind: PartKind, template: LoadedTemplate, locale: String, values: [String: Any]) throws
        -> String
    {
        guard let key = partKey(kind, template: template, locale: locale), let compiled = template.compiled[key] else {
            throw TemplateError.templateHasProblems(
                template: template.metadata.id, problems: ["no \(kind.rawValue) part for \(locale) or en"])
        }
        return compiled.render(values, library: libraries[PartKey(kind: kind, locale: locale)])
    }
}
