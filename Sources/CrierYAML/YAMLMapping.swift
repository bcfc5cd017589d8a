import Foundation
internal import Yams

/// Reads one YAML mapping strictly: every key must be known, appear once, and have the right type.
///
/// The one strict YAML reader of crier.yml, schedules and template.yml. Errors are `YAMLError`s
/// naming the file, the line of the offending node and the dotted key path. Reading a key marks it
/// consumed, so `finish(known:)` can refuse keys nobody asked for.
///
/// | value | rule |
/// |---|---|
/// | absent, empty, `~`, `null` (unquoted) | absent: the getters return nil |
/// | boolean | exactly `true` or `false`, unquoted; `yes`, `on`, `True`, `"true"` are errors |
/// | whole number, number | the text must parse; ranges are checked where given |
/// | list of values | a single value is a list of one, unless the getter says otherwise |
/// | key | plain text, written once per mapping |
package struct YAMLMapping {
    /// The file as the user named it.
    package let file: String
    /// The dotted key path of this mapping (empty at the top of the file).
    package let path: String
    /// The line the mapping starts on.
    package let line: Int?
    private let pairs: [(key: String, keyLine: Int?, value: Node)]
    private var consumed: Set<String> = []

    init(node: Node, file: String, path: String) throws(YAMLError) {
        self.file = file
        self.path = path
        self.line = node.mark?.line
        guard let mapping = node.mapping else {
            throw YAMLError(
                file: file, line: node.mark?.line, key: path.isEmpty ? nil : path,
                message: "expected a mapping of keys to values")
        }
        var seen: [String: Int?] = [:]
        var pairs: [(key: String, keyLine: Int?, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw YAMLError(
                    file: file, line: key.mark?.line, key: path.isEmpty ? nil : path,
                    message: "keys must be plain words")
            }
            let name = scalar.string
            if let first = seen[name] {
                let earlier = first.map { " (first on line \($0))" } ?? ""
                throw YAMLError(
                    file: file, line: key.mark?.line, key: Self.join(path, name), message: "duplicate key\(earlier)")
            }
            seen[name] = key.mark?.line
            pairs.append((name, key.mark?.line, value))
        }
        self.pairs = pairs
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The dotted path of `key` inside this mapping.
    package func keyPath(_ key: String) -> String { Self.join(path, key) }

    /// The keys in file order.
    package var keys: [String] { pairs.map(\.key) }

    /// The line `key` is written on.
    package func line(of key: String) -> Int? { pairs.first { $0.key == key }?.keyLine }

    /// An error about `key`, placed on the line of its value (or of the key, or of this mapping).
    package func error(_ key: String, _ message: String) -> YAMLError {
        let entry = pairs.first { $0.key == key }
        return YAMLError(
            file: file, line: entry?.value.mark?.line ?? entry?.keyLine ?? line, key: keyPath(key), message: message)
    }

    /// Whether `key` is written, even with an empty value.
    package func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// The value of `key`, marking it consumed; nil when absent or null.
    mutating func node(_ key: String) -> Node? {
        consumed.insert(key)
        guard let node = pairs.first(where: { $0.key == key })?.value else { return nil }
        if case .scalar(let scalar) = node, scalar.style == .plain,
            ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        {
            return nil
        }
        return node
    }

    /// One problem per key not in `known`, each on its own line, in file order.
    package func unknownKeys(known: [String]) -> [YAMLError] {
        let expected = known.sorted().joined(separator: ", ")
        return pairs.filter { !known.contains($0.key) }.map { unknown in
            YAMLError(
                file: file, line: unknown.keyLine, key: keyPath(unknown.key),
                message: "unknown key (expected one of: \(expected))")
        }
    }

    /// Fails on the first key not in `known`, in file order, whether or not it was read.
    package func refuseUnknownKeys(known: [String]) throws(YAMLError) {
        if let first = unknownKeys(known: known).first { throw first }
    }

    /// Fails on the first key nobody asked for, naming it and listing the known ones.
    package func finish(known: [String]? = nil) throws(YAMLError) {
        if let unknown = pairs.first(where: { !consumed.contains($0.key) }) {
            let expected = (known ?? Array(consumed)).sorted().joined(separator: ", ")
            throw YAMLError(
                file: file, line: unknown.keyLine, key: keyPath(unknown.key),
                message: "unknown key (expected one of: \(expected))")
        }
    }
}
