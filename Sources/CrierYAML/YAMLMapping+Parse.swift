package import Foundation
internal import Yams

extension YAMLMapping {
    /// Parses `text` and returns its top-level mapping (an empty file is an empty mapping).
    package static func parse(_ text: String, file: String) throws(YAMLError) -> YAMLMapping {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping(let duplicates, _) = error, let key = duplicates.first {
                let lines = Self.lines(declaring: key, in: text)
                let first = lines.first.map { " (first on line \($0))" } ?? ""
                throw YAMLError(file: file, line: lines.dropFirst().first, key: key, message: "duplicate key\(first)")
            }
            throw YAMLError(file: file, line: Self.line(of: error), key: nil, message: "not valid YAML: \(error)")
        } catch {
            throw YAMLError(file: file, line: nil, key: nil, message: "not valid YAML: \(error)")
        }
        return try YAMLMapping(node: node ?? Node.mapping(.init([])), file: file, path: "")
    }

    /// Reads a file from disk, naming it in every error.
    package static func load(_ url: URL, displayName: String? = nil) throws(YAMLError) -> YAMLMapping {
        let name = displayName ?? url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw YAMLError(
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
}
