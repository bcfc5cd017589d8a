extension TemplateLibrary {
    /// Walks every part each locale resolves to, collecting problems and the names each part uses.
    mutating func runChecks() {
        var found: Set<TemplateProblem> = Set(partialFileProblems)
        for (id, template) in templatesByID {
            let metadata = template.metadata
            let metadataFile = "\(id)/template.yml"
            var usedByTemplate: Set<String> = []
            var used: [PartKey: Set<String>] = [:]

            for name in template.otherFiles {
                found.insert(
                    TemplateProblem(
                        severity: .error, template: id, file: "\(id)/\(name)",
                        message:
                            "unexpected file; parts are named KIND.LOCALE.mustache with KIND one of subject, text, html, webhook"
                    ))
            }
            for key in template.parts.keys where !metadata.locales.contains(key.locale) {
                found.insert(
                    TemplateProblem(
                        severity: .error, template: id, file: template.parts[key]?.path ?? id, name: key.locale,
                        message: "locale '\(key.locale)' is not listed in template.yml's locales"))
            }
            for locale in metadata.locales {
                let own = template.parts.keys.filter { $0.locale == locale }
                if locale != "en", own.isEmpty {
                    found.insert(
                        TemplateProblem(
                            severity: .warning, template: id, file: metadataFile, name: locale,
                            message: "locale '\(locale)' has no parts of its own; every part falls back to en"))
                }
                for kind in PartKind.allCases {
                    let key = PartKey(kind: kind, locale: locale)
                    let resolved = template.parts[key] != nil ? key : PartKey(kind: kind, locale: "en")
                    guard let file = template.parts[resolved] else {
                        if PartKind.required.contains(kind) {
                            found.insert(
                                TemplateProblem(
                                    severity: .error, template: id, file: "\(id)/\(kind.rawValue).\(locale).mustache",
                                    name: locale,
                                    message:
                                        "locale '\(locale)' has no \(kind.rawValue) part and no en fallback \(kind.rawValue).en.mustache"
                                ))
                        }
                        continue
                    }
                    var walker = Walker(library: self, metadata: metadata, kind: kind, locale: locale)
                    walker.walk(file, scopes: [])
                    found.formUnion(walker.problems)
                    if template.compiled[resolved] == nil, !walker.problems.contains(where: { $0.file == file.path }) {
                        found.insert(
                            TemplateProblem(
                                severity: .error, template: id, file: file.path,
                                message: "the Mustache parser cannot read this file; check its tags"))
                    }
                    used[key] = walker.used
                    usedByTemplate.formUnion(walker.used)
                }
            }
            for variable in metadata.variables where !usedByTemplate.contains(variable.name) {
                found.insert(
                    TemplateProblem(
                        severity: .warning, template: id, file: metadataFile, line: variable.line, name: variable.name,
                        message: "variable '\(variable.name)' is declared but no part uses it"))
            }
            usedNames[id] = used
        }
        problems = found.sorted { lhs, rhs in
            if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
            if lhs.template != rhs.template { return lhs.template < rhs.template }
            if lhs.file != rhs.file { return lhs.file < rhs.file }
            if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
            return lhs.message < rhs.message
        }
    }

    /// Checks one file's tags: names resolve, sections balance, partials exist, HTML stays escaped.
    struct Walker {
        let library: TemplateLibrary
        let metadata: TemplateMetadata
        let kind: PartKind
        let locale: String
        var problems: Set<TemplateProblem> = []
        var used: Set<String> = []
        private var visiting: [String] = []

        init(library: TemplateLibrary, metadata: TemplateMetadata, kind: PartKind, locale: String) {
            self.library = library
            self.metadata = metadata
            self.kind = kind
            self.locale = locale
        }

        private mutating func report(
            _ file: TemplateLibrary.SourceFile, _ line: Int?, _ name: String?, _ message: String
        ) {
            problems.insert(
                TemplateProblem(
                    severity: .error, template: metadata.id, file: file.path, line: line, name: name, message: message))
        }

        /// Fields of the list a section name opens, or `nil` when it is not a list.
        private func listFields(_ name: String) -> Set<String>? {
            if let spec = metadata.variable(named: name), spec.isList { return Set(spec.fieldNames) }
            if let fields = BuiltInVariables.names[name] ?? nil { return Set(fields) }
            return nil
        }

        /// Resolves a tag name against list-item scopes (innermost first), then declared and built-in names.
        private mutating func resolve(
            _ name: String, scopes: [Set<String>?], tag: ScannedTag, file: TemplateLibrary.SourceFile
        ) {
            if name == "." || name.isEmpty { return }
            if name.hasPrefix(".") {
                let first = String(name.dropFirst().split(separator: ".").first ?? "")
                if let innermost = scopes.last, let fields = innermost, fields.contains(first) { return }
                report(file, tag.line, first, "'\(name)' names no field of the enclosing list")
                return
            }
            let first = String(name.split(separator: ".").first ?? "")
            for scope in scopes.reversed() {
                if let fields = scope, fields.contains(first) { return }
            }
            if metadata.variable(named: first) != nil || BuiltInVariables.names[first] != nil {
                used.insert(first)
                return
            }
            let inList = scopes.contains { $0 != nil }
            report(
                file, tag.line, first,
                "variable '\(first)' is neither declared in template.yml nor built in"
                    + (inList ? " nor a field of the enclosing list" : ""))
        }

        mutating func walk(_ file: TemplateLibrary.SourceFile, scopes outer: [Set<String>?]) {
            guard !visiting.contains(file.path) else {
                report(file, nil, nil, "partial includes itself (\((visiting + [file.path]).joined(separator: " → ")))")
                return
            }
            visiting.append(file.path)
            defer { visiting.removeLast() }

            var scopes = outer
            var open: [(tag: ScannedTag, pushed: Bool)] = []
            for tag in file.tags {
                switch tag.kind {
                case .variable:
                    resolve(tag.name, scopes: scopes, tag: tag, file: file)
                case .unescaped:
                    if kind == .html {
                        report(
                            file, tag.line, tag.name,
                            "unescaped tag for '\(tag.name)' in an HTML part would let a value inject markup; use {{\(tag.name)}}"
                        )
                    }
                    resolve(tag.name, scopes: scopes, tag: tag, file: file)
                case .section, .inverted:
                    resolve(tag.name, scopes: scopes, tag: tag, file: file)
                    let fields = tag.kind == .section ? listFields(tag.name) : nil
                    scopes.append(fields)
                    open.append((tag, true))
                case .block:
                    open.append((tag, false))
                case .parent:
                    includePartial(tag, in: file, scopes: scopes)
                    open.append((tag, false))
                case .close:
                    guard let last = open.last else {
                        report(file, tag.line, tag.key, "{{/\(tag.key)}} closes a section that was never opened")
                        continue
                    }
                    guard last.tag.key == tag.key else {
                        report(
                            file, tag.line, tag.key,
                            "{{/\(tag.key)}} does not match the open section '\(last.tag.key)' from line \(last.tag.line)"
                        )
                        continue
                    }
                    open.removeLast()
                    if last.pushed { scopes.removeLast() }
                case .partial:
                    includePartial(tag, in: file, scopes: scopes)
                case .dynamicPartial:
                    report(
                        file, tag.line, tag.name, "dynamic partials ({{>*name}}) cannot be checked; name the partial")
                case .pragma:
                    report(
                        file, tag.line, nil,
                        "remove the {{%\(tag.name)}} pragma; escaping is set from the part kind (HTML escapes, others do not)"
                    )
                case .setDelimiter:
                    report(file, tag.line, nil, "changing delimiters ({{=...=}}) is not supported; keep {{ }}")
                case .malformed:
                    report(file, tag.line, nil, tag.name)
                case .comment:
                    break
                }
            }
            for (tag, _) in open.reversed() {
                report(file, tag.line, tag.key, "section '\(tag.key)' is never closed; add {{/\(tag.key)}}")
            }
        }

        private mutating func includePartial(
            _ tag: ScannedTag, in file: TemplateLibrary.SourceFile, scopes: [Set<String>?]
        ) {
            guard let partial = library.partial(named: tag.name, kind: kind, locale: locale) else {
                report(
                    file, tag.line, tag.name,
                    "partial '\(tag.name)' does not exist; expected _partials/\(tag.name).\(kind.rawValue).mustache or _partials/\(tag.name).mustache"
                )
                return
            }
            walk(partial.file, scopes: scopes)
        }
    }
}
