import Foundation
internal import Yams

/// A single YAML value as written, for callers that treat an unquoted `true` differently from text.
package struct YAMLScalar: Sendable, Equatable {
    /// The text of the value.
    package let text: String
    /// Whether it was written without quotes or block markers.
    package let isPlain: Bool

    /// `true` or `false` when written as the boolean rule allows, else nil.
    package var flag: Bool? {
        guard isPlain else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}

/// What a key holds, for values that may take more than one shape.
package enum YAMLShape: Sendable {
    case scalar, list, mapping
}

extension YAMLMapping {
    /// The shape of the value of `key`; nil when absent or null. Does not consume the key.
    package func shape(_ key: String) -> YAMLShape? {
        var copy = self
        switch copy.node(key) {
        case .scalar: return .scalar
        case .sequence: return .list
        case .mapping: return .mapping
        case .alias, nil: return nil
        }
    }

    /// A single value with its quoting; nil when absent.
    package mutating func scalar(_ key: String) throws(YAMLError) -> YAMLScalar? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node else { throw error(key, "expected a single value") }
        return YAMLScalar(text: scalar.string, isPlain: scalar.style == .plain)
    }

    /// A scalar value as text; nil when absent.
    package mutating func string(_ key: String) throws(YAMLError) -> String? {
        try scalar(key)?.text
    }

    /// A scalar value that must be present and not blank.
    package mutating func requiredString(_ key: String) throws(YAMLError) -> String {
        guard let value = try string(key) else { throw error(key, "is required") }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(key, "must not be empty") }
        return value
    }

    /// `true` or `false`, unquoted and in lower case: the one boolean rule of every file Crier reads.
    package mutating func bool(_ key: String) throws(YAMLError) -> Bool? {
        guard let value = try scalar(key) else { return nil }
        guard let flag = value.flag else {
            let rule = value.isPlain ? "true or false" : "true or false without quotes"
            throw error(key, "expected \(rule), found \"\(value.text)\"")
        }
        return flag
    }

    /// A whole number, optionally within `range`.
    package mutating func int(_ key: String, range: ClosedRange<Int>? = nil) throws(YAMLError) -> Int? {
        guard let text = try string(key) else { return nil }
        guard let value = Int(text) else { throw error(key, "expected a whole number, found \"\(text)\"") }
        if let range, !range.contains(value) {
            throw error(key, "must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
        return value
    }

    /// A finite number.
    package mutating func double(_ key: String) throws(YAMLError) -> Double? {
        guard let text = try string(key) else { return nil }
        guard let value = Double(text), value.isFinite else { throw error(key, "expected a number, found \"\(text)\"") }
        return value
    }

    /// A list of scalars; a single scalar is accepted as a list of one unless `acceptingOne` is false.
    package mutating func strings(_ key: String, acceptingOne: Bool = true) throws(YAMLError) -> [String]? {
        guard let node = node(key) else { return nil }
        switch node {
        case .scalar(let scalar) where acceptingOne:
            return [scalar.string]
        case .sequence(let sequence):
            var values: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    throw YAMLError(
                        file: file, line: item.mark?.line, key: keyPath(key),
                        message: "expected a list of single values")
                }
                values.append(scalar.string)
            }
            return values
        case .scalar, .mapping, .alias:
            throw error(key, "expected a list")
        }
    }

    /// A nested mapping; nil when absent.
    package mutating func mapping(_ key: String) throws(YAMLError) -> YAMLMapping? {
        guard let node = node(key) else { return nil }
        return try YAMLMapping(node: node, file: file, path: keyPath(key))
    }

    /// A nested mapping that must be present.
    package mutating func requiredMapping(_ key: String) throws(YAMLError) -> YAMLMapping {
        guard has(key) else { throw error(key, "is required") }
        guard let mapping = try mapping(key) else { throw error(key, "expected a mapping of keys to values") }
        return mapping
    }

    /// A list of mappings.
    package mutating func mappings(_ key: String) throws(YAMLError) -> [YAMLMapping]? {
        guard let node = node(key) else { return nil }
        guard case .sequence(let sequence) = node else { throw error(key, "expected a list") }
        var result: [YAMLMapping] = []
        for (index, item) in sequence.enumerated() {
            result.append(try YAMLMapping(node: item, file: file, path: "\(keyPath(key))[\(index)]"))
        }
        return result
    }

    /// The keys with their raw scalar values, for free-form maps (template variables).
    package mutating func scalarMap(_ key: String) throws(YAMLError) -> [(key: String, value: String)]? {
        guard var inner = try mapping(key) else { return nil }
        var result: [(String, String)] = []
        for name in inner.keys {
            guard let value = try inner.string(name) else { continue }
            result.append((name, value))
        }
        return result
    }
}
