import Foundation
internal import Yams

/// Reads one YAML mapping strictly: every key must be known, appear once, and have the right type.
///
/// Errors name the file, the line of the offending node and the dotted key path.
struct YAMLMapping {
    let file: String
    let path: String
    let line: Int?
    private let pairs: [(key: String, keyLine: Int?, value: Node)]
    private var consumed: Set<String> = []

    /// Parses `text` and returns its top-level mapping (an empty file is an empty mapping).
    static func parse(_ text: String, file: String) throws -> YAMLMapping {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping(let duplicates, _) = error, let key = duplicates.first {
                let lines = Self.lines(declaring: key, in: text)
                let first = lines.first.map { " (first on line \($0))" } ?? ""
                throw ConfigurationError(
                    file: file, line: lines.dropFirst().first, key: key, message: "duplicate key\(first)")
            }
            throw ConfigurationError(
                file: file, line: Self.line(of: error), key: nil, message: "not valid YAML: \(error)")
        }
        guard let node else { return try YAMLMapping(node: Node.mapping(.init([])), file: file, path: "") }
        return try YAMLMapping(node: node, file: file, path: "")
    }

    /// Reads a file from disk, naming it in every error.
    static func load(_ url: URL, displayName: String? = nil) throws -> YAMLMapping {
        let name = displayName ?? url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigurationError(
                file: name, line: nil, key: nil, message: "cannot read file (\(error.localizedDescription))")
        }
        return try parse(text, file: name)
    }

    /// 1-based lines where `key:` is written, for errors the YAML parser reports without a place.
    private static func lines(declaring key: String, in text: String) -> [Int] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            var rest = line.drop { $0 == " " || $0 == "-" || $0 == "{" }
            if rest.hasPrefix("\"") { rest = rest.dropFirst() }
            return rest.hasPrefix(key)
                && rest.dropFirst(key.count).drop(while: { $0 == "\"" || $0 == " " }).hasPrefix(":")
                ? index + 1 : nil
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    init(node: Node, file: String, path: String) throws {
        self.file = file
        self.path = path
        self.line = node.mark?.line
        guard let mapping = node.mapping else {
            throw ConfigurationError(
                file: file, line: node.mark?.line, key: path.isEmpty ? nil : path,
                message: "expected a mapping of keys to values")
        }
        var seen: [String: Int?] = [:]
        var pairs: [(key: String, keyLine: Int?, value: Node)] = []
        for (key, value) in mapping {
            guard let name = key.string else {
                throw ConfigurationError(
                    file: file, line: key.mark?.line, key: path.isEmpty ? nil : path,
                    message: "keys must be plain words")
            }
            if let first = seen[name] {
                let earlier = first.map { " (first on line \($0))" } ?? ""
                throw ConfigurationError(
                    file: file, line: key.mark?.line, key: Self.join(path, name), message: "duplicate key\(earlier)")
            }
            seen[name] = key.mark?.line
            pairs.append((name, key.mark?.line, value))
        }
        self.pairs = pairs
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func keyPath(_ key: String) -> String { Self.join(path, key) }

    func error(_ key: String, _ message: String) -> ConfigurationError {
        let entry = pairs.first { $0.key == key }
        return ConfigurationError(
            file: file, line: entry?.value.mark?.line ?? entry?.keyLine ?? line, key: keyPath(key), message: message)
    }

    func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    private mutating func node(_ key: String) -> Node? {
        consumed.insert(key)
        guard let node = pairs.first(where: { $0.key == key })?.value else { return nil }
        if case .scalar(let scalar) = node, scalar.style == .plain,
            ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        {
            return nil
        }
        return node
    }

    /// A scalar value as text; nil when absent.
    mutating func string(_ key: String) throws -> String? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node else { throw error(key, "expected a single value") }
        return scalar.string
    }

    mutating func requiredString(_ key: String) throws -> String {
        guard let value = try string(key) else { throw error(key, "is required") }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(key, "must not be empty") }
        return value
    }

    mutating func bool(_ key: String) throws -> Bool? {
        guard let text = try string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "expected true or false, found \"\(text)\"")
        }
    }

    mutating func int(_ key: String, range: ClosedRange<Int>? = nil) throws -> Int? {
        guard let text = try string(key) else { return nil }
        guard let value = Int(text) else { throw error(key, "expected a whole number, found \"\(text)\"") }
        if let range, !range.contains(value) {
            throw error(key, "must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
        return value
    }

    mutating func double(_ key: String) throws -> Double? {
        guard let text = try string(key) else { return nil }
        guard let value = Double(text), value.isFinite else { throw error(key, "expected a number, found \"\(text)\"") }
        return value
    }

    /// A list of scalars; a single scalar is accepted as a list of one.
    mutating func strings(_ key: String) throws -> [String]? {
        guard let node = node(key) else { return nil }
        switch node {
        case .scalar(let scalar):
            return [scalar.string]
        case .sequence(let sequence):
            return try sequence.map { item in
                guard case .scalar(let scalar) = item else {
                    throw ConfigurationError(
                        file: file, line: item.mark?.line, key: keyPath(key),
                        message: "expected a list of single values")
                }
                return scalar.string
            }
        case .mapping, .alias:
            throw error(key, "expected a list")
        }
    }

    mutating func mapping(_ key: String) throws -> YAMLMapping? {
        guard let node = node(key) else { return nil }
        return try YAMLMapping(node: node, file: file, path: keyPath(key))
    }

    /// A list of mappings.
    mutating func mappings(_ key: String) throws -> [YAMLMapping]? {
        guard let node = node(key) else { return nil }
        guard case .sequence(let sequence) = node else { throw error(key, "expected a list") }
        return try sequence.enumerated().map { index, item in
            try YAMLMapping(node: item, file: file, path: "\(keyPath(key))[\(index)]")
        }
    }

    /// The keys with their raw scalar values, for free-form maps (template variables).
    mutating func scalarMap(_ key: String) throws -> [(key: String, value: String)]? {
        guard var inner = try mapping(key) else { return nil }
        var result: [(String, String)] = []
        for name in inner.pairs.map(\.key) {
            guard let value = try inner.string(name) else { continue }
            result.append((name, value))
        }
        return result
    }

    /// One problem per key not in `known`, each on its own line, in file order.
    func unknownKeys(known: [String]) -> [ConfigurationError] {
        let expected = known.sorted().joined(separator: ", ")
        return pairs.filter { !known.contains($0.key) }.map { unknown in
            ConfigurationError(
                file: file, line: unknown.keyLine, key: keyPath(unknown.key),
                message: "unknown key (expected one of: \(expected))")
        }
    }

    /// Fails on the first key nobody asked for, naming it and listing the known ones.
    func finish(known: [String]? = nil) throws {
        if let unknown = pairs.first(where: { !consumed.contains($0.key) }) {
            let expected = (known ?? Array(consumed)).sorted().joined(separator: ", ")
            throw ConfigurationError(
                file: file, line: unknown.keyLine, key: keyPath(unknown.key),
                message: "unknown key (expected one of: \(expected))")
        }
    }
}
