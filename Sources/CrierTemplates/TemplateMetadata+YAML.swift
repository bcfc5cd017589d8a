import CrierYAML
import Foundation

extension TemplateMetadata {
    /// Parses `template.yml`, refusing unknown keys, wrong types and invalid CAP values with file and line.
    static func parse(yaml: String, file: String, folderName: String, topics: Set<String>) throws -> TemplateMetadata {
        do {
            return try read(yaml: yaml, file: file, folderName: folderName, topics: topics)
        } catch {
            throw TemplateError.metadata(error)
        }
    }

    private static func read(
        yaml: String, file: String, folderName: String, topics: Set<String>
    ) throws(YAMLError) -> TemplateMetadata {
        var top = try YAMLMapping.parse(yaml, file: file)
        guard !top.keys.isEmpty else { throw YAMLError(file: file, line: 1, key: nil, message: "the file is empty") }
        try top.refuseUnknownKeys(known: ["id", "kind", "topic", "title", "description", "cap", "variables", "locales"])

        let id = try text(&top, "id")
        guard id == folderName else {
            throw top.error("id", "must equal the folder name '\(folderName)', found '\(id)'")
        }
        var kind = TemplateKind.alert
        if let raw = try top.string("kind") {
            guard let given = TemplateKind(rawValue: raw) else {
                throw top.error("kind", "invalid value '\(raw)'; expected alert or notice")
            }
            kind = given
        }
        var topic = ""
        var cap = CAPInfo.notice
        if kind == .notice {
            for key in ["topic", "cap"] where top.keys.contains(key) {
                throw top.error(key, "a notice is not an alert: it has no \(key)")
            }
        } else {
            topic = try text(&top, "topic")
            guard topics.contains(topic) else {
                throw top.error(
                    "topic", "unknown topic '\(topic)'; expected one of \(topics.sorted().joined(separator: ", "))")
            }
        }
        let title = try text(&top, "title")
        let description = try text(&top, "description")

        if kind == .alert {
            var capMap = try top.requiredMapping("cap")
            try capMap.refuseUnknownKeys(known: [
                "category", "event", "urgency", "severity", "certainty", "response_type",
            ])
            cap = CAPInfo(
                category: try enumeration(&capMap, "category", CAPInfo.Category.self),
                event: try text(&capMap, "event"),
                urgency: try enumeration(&capMap, "urgency", CAPInfo.Urgency.self),
                severity: try enumeration(&capMap, "severity", CAPInfo.Severity.self),
                certainty: try enumeration(&capMap, "certainty", CAPInfo.Certainty.self),
                responseType: try enumeration(&capMap, "response_type", CAPInfo.ResponseType.self)
            )
        }

        var variables: [VariableSpec] = []
        if var map = try top.mapping("variables") {
            for name in map.keys {
                var spec = try parseVariable(name: name, in: &map)
                spec.line = map.line(of: name) ?? spec.line
                variables.append(spec)
            }
        }

        guard let locales = try top.strings("locales", acceptingOne: false) else {
            throw top.error("locales", "is required: a list of locale codes such as [en, pl]")
        }
        var seen: [String] = []
        for locale in locales {
            guard !locale.isEmpty else { throw top.error("locales", "each locale must be a code such as en") }
            guard !seen.contains(locale) else { throw top.error("locales", "locale '\(locale)' is listed twice") }
            seen.append(locale)
        }
        guard seen.contains("en") else {
            throw top.error("locales", "must include en, the fallback every other locale relies on")
        }

        var metadata = TemplateMetadata(
            id: id, topic: topic, title: title, description: description, cap: cap, variables: variables,
            locales: seen)
        metadata.kind = kind
        return metadata
    }

    private static func parseVariable(name: String, in variables: inout YAMLMapping) throws(YAMLError) -> VariableSpec {
        guard BuiltInVariables.names[name] == nil else {
            throw variables.error(name, "'\(name)' is a built-in variable; do not declare it")
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw variables.error(name, "variable names may contain only letters, digits and underscores")
        }
        var map = try variables.requiredMapping(name)
        try map.refuseUnknownKeys(known: ["description", "required", "example", "fields"])
        let description = try text(&map, "description")
        let required = try map.bool("required") ?? true
        var fields: [VariableSpec.Field]?
        if var fieldMap = try map.mapping("fields") {
            var declared: [VariableSpec.Field] = []
            for fieldName in fieldMap.keys {
                declared.append(VariableSpec.Field(name: fieldName, description: try fieldMap.string(fieldName) ?? ""))
            }
            fields = declared
        }
        let example = try parseExample(&map, fields: fields)
        var spec = VariableSpec(
            name: name, description: description, required: required, example: example, fields: fields)
        spec.line = map.line
        return spec
    }

    private static func parseExample(
        _ map: inout YAMLMapping, fields: [VariableSpec.Field]?
    ) throws(YAMLError) -> TemplateValue? {
        switch map.shape("example") {
        case nil:
            return nil
        case .scalar:
            guard fields == nil else {
                throw map.error("example", "a list variable needs a list of items as its example")
            }
            guard let scalar = try map.scalar("example") else { return nil }
            return scalar.flag.map(TemplateValue.flag) ?? .text(scalar.text)
        case .list:
            guard let fields else {
                throw map.error("example", "only list variables (with fields) take a list example")
            }
            var items: [[String: String]] = []
            for var item in try map.mappings("example") ?? [] {
                try item.refuseUnknownKeys(known: fields.map(\.name))
                var values: [String: String] = [:]
                for key in item.keys {
                    values[key] = try text(&item, key)
                }
                items.append(values)
            }
            return .list(items)
        case .mapping:
            throw map.error("example", "must be text or, for list variables, a list of items")
        }
    }

    /// A required value, trimmed, that must not be blank.
    private static func text(_ map: inout YAMLMapping, _ key: String) throws(YAMLError) -> String {
        let value = try map.requiredString(key).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw map.error(key, "must not be empty") }
        return value
    }

    /// A required value that must be one of `E`'s raw values.
    private static func enumeration<E: RawRepresentable & CaseIterable>(
        _ map: inout YAMLMapping, _ key: String, _ type: E.Type
    ) throws(YAMLError) -> E where E.RawValue == String {
        let raw = try text(&map, key)
        guard let value = E(rawValue: raw) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw map.error(key, "invalid value '\(raw)'; expected one of \(allowed)")
        }
        return value
    }
}
