import Foundation
internal import Yams

extension TemplateMetadata {
    /// Parses `template.yml`, refusing unknown keys, wrong types and invalid CAP values with file and line.
    static func parse(yaml: String, file: String, folderName: String, topics: Set<String>) throws -> TemplateMetadata {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw TemplateError.metadata(file: file, line: nil, key: "(document)", reason: "not valid YAML: \(error)")
        }
        guard let root else {
            throw TemplateError.metadata(file: file, line: 1, key: "(document)", reason: "the file is empty")
        }
        let top = try YAMLMap(root, file: file, path: "(document)")
        try top.allow(["id", "topic", "title", "description", "cap", "variables", "locales"])

        let id = try top.string("id")
        guard id == folderName else {
            throw top.error("id", "must equal the folder name '\(folderName)', found '\(id)'")
        }
        let topic = try top.string("topic")
        guard topics.contains(topic) else {
            throw top.error(
                "topic", "unknown topic '\(topic)'; expected one of \(topics.sorted().joined(separator: ", "))")
        }
        let title = try top.string("title")
        let description = try top.string("description")

        let capMap = try YAMLMap(top.require("cap"), file: file, path: "cap")
        try capMap.allow(["category", "event", "urgency", "severity", "certainty", "response_type"])
        let cap = CAPInfo(
            category: try capMap.enumeration("category", CAPInfo.Category.self),
            event: try capMap.string("event"),
            urgency: try capMap.enumeration("urgency", CAPInfo.Urgency.self),
            severity: try capMap.enumeration("severity", CAPInfo.Severity.self),
            certainty: try capMap.enumeration("certainty", CAPInfo.Certainty.self),
            responseType: try capMap.enumeration("response_type", CAPInfo.ResponseType.self)
        )

        var variables: [VariableSpec] = []
        if let variablesNode = top.optional("variables") {
            let map = try YAMLMap(variablesNode, file: file, path: "variables")
            for (name, node) in map.entries {
                var spec = try parseVariable(name: name, node: node, file: file)
                spec.line = map.line(of: name) ?? spec.line
                variables.append(spec)
            }
        }

        let localesNode = try top.require("locales")
        guard case .sequence(let sequence) = localesNode else {
            throw top.error("locales", "must be a list of locale codes such as [en, pl]")
        }
        var locales: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item, !scalar.string.isEmpty else {
                throw TemplateError.metadata(
                    file: file, line: item.mark?.line, key: "locales", reason: "each locale must be a code such as en")
            }
            guard !locales.contains(scalar.string) else {
                throw TemplateError.metadata(
                    file: file, line: item.mark?.line, key: "locales",
                    reason: "locale '\(scalar.string)' is listed twice")
            }
            locales.append(scalar.string)
        }
        guard locales.contains("en") else {
            throw top.error("locales", "must include en, the fallback every other locale relies on")
        }

        return TemplateMetadata(
            id: id, topic: topic, title: title, description: description, cap: cap, variables: variables,
            locales: locales)
    }

    private static func parseVariable(name: String, node: Node, file: String) throws -> VariableSpec {
        guard BuiltInVariables.names[name] == nil else {
            throw TemplateError.metadata(
                file: file, line: node.mark?.line, key: "variables.\(name)",
                reason: "'\(name)' is a built-in variable; do not declare it")
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw TemplateError.metadata(
                file: file, line: node.mark?.line, key: "variables.\(name)",
                reason: "variable names may contain only letters, digits and underscores")
        }
        let map = try YAMLMap(node, file: file, path: "variables.\(name)")
        try map.allow(["description", "required", "example", "fields"])
        let description = try map.string("description")
        let required = try map.bool("required") ?? true
        var fields: [VariableSpec.Field]?
        if let fieldsNode = map.optional("fields") {
            let fieldMap = try YAMLMap(fieldsNode, file: file, path: "variables.\(name).fields")
            fields = try fieldMap.entries.map { fieldName, fieldNode in
                guard case .scalar(let scalar) = fieldNode else {
                    throw fieldMap.error(fieldName, "must be a one-line description of the field")
                }
                return VariableSpec.Field(name: fieldName, description: scalar.string)
            }
        }
        var example: TemplateValue?
        if let exampleNode = map.optional("example") {
            example = try parseExample(exampleNode, fields: fields, map: map)
        }
        var spec = VariableSpec(
            name: name, description: description, required: required, example: example, fields: fields)
        spec.line = map.line
        return spec
    }

    private static func parseExample(_ node: Node, fields: [VariableSpec.Field]?, map: YAMLMap) throws -> TemplateValue
    {
        switch node {
        case .scalar(let scalar):
            guard fields == nil else {
                throw map.error("example", "a list variable needs a list of items as its example")
            }
            if scalar.style == .plain, let flag = Bool.construct(from: scalar) {
                return .flag(flag)
            }
            return .text(scalar.string)
        case .sequence(let sequence):
            guard let fields else {
                throw map.error("example", "only list variables (with fields) take a list example")
            }
            let allowed = Set(fields.map(\.name))
            var items: [[String: String]] = []
            for item in sequence {
                let itemMap = try YAMLMap(item, file: map.file, path: "\(map.path).example")
                try itemMap.allow(allowed)
                var values: [String: String] = [:]
                for (key, _) in itemMap.entries {
                    values[key] = try itemMap.string(key)
                }
                items.append(values)
            }
            return .list(items)
        default:
            throw map.error("example", "must be text or, for list variables, a list of items")
        }
    }
}

/// A YAML mapping with its keys' line marks, for errors that name file, line and key.
struct YAMLMap {
    let file: String
    let path: String
    let line: Int?
    private(set) var entries: [(String, Node)] = []
    private var keyLines: [String: Int] = [:]

    init(_ node: Node, file: String, path: String) throws {
        self.file = file
        self.path = path
        self.line = node.mark?.line
        guard case .mapping(let mapping) = node else {
            throw TemplateError.metadata(
                file: file, line: node.mark?.line, key: path, reason: "must be a mapping of keys to values")
        }
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                throw TemplateError.metadata(
                    file: file, line: keyNode.mark?.line, key: path, reason: "keys must be plain text")
            }
            let key = scalar.string
            if keyLines[key] != nil {
                throw TemplateError.metadata(
                    file: file, line: keyNode.mark?.line, key: qualified(key), reason: "duplicate key")
            }
            keyLines[key] = keyNode.mark?.line
            entries.append((key, value))
        }
    }

    private func qualified(_ key: String) -> String { path == "(document)" ? key : "\(path).\(key)" }

    func error(_ key: String, _ reason: String) -> TemplateError {
        TemplateError.metadata(file: file, line: keyLines[key] ?? line, key: qualified(key), reason: reason)
    }

    func allow(_ keys: Set<String>) throws {
        for (key, _) in entries where !keys.contains(key) {
            throw error(key, "unknown key; allowed keys are \(keys.sorted().joined(separator: ", "))")
        }
    }

    func line(of key: String) -> Int? { keyLines[key] }

    func optional(_ key: String) -> Node? { entries.first { $0.0 == key }?.1 }

    func require(_ key: String) throws -> Node {
        guard let node = optional(key) else {
            throw TemplateError.metadata(file: file, line: line, key: qualified(key), reason: "missing required key")
        }
        return node
    }

    func string(_ key: String) throws -> String {
        guard case .scalar(let scalar) = try require(key) else { throw error(key, "must be text") }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw error(key, "must not be empty") }
        return value
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = optional(key) else { return nil }
        guard case .scalar(let scalar) = node, let value = Bool.construct(from: scalar) else {
            throw error(key, "must be true or false")
        }
        return value
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws -> E
    where E.RawValue == String {
        let raw = try string(key)
        guard let value = E(rawValue: raw) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(key, "invalid value '\(raw)'; expected one of \(allowed)")
        }
        return value
    }
}
