/// One Mustache tag found in a template file, with the line it starts on.
struct ScannedTag: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case variable
        case unescaped
        case section
        case inverted
        case close
        case partial
        case dynamicPartial
        case parent
        case block
        case comment
        case pragma
        case setDelimiter
        /// A tag the scanner could not read; `name` holds the reason.
        case malformed
    }

    var kind: Kind
    /// The variable, section or partial name (the innermost argument of a transform such as `upper(name)`).
    var name: String
    var line: Int
    /// The tag's text as written (`items`, `last()`), which a closing tag must repeat.
    var key: String = ""
}

/// Finds the tags of a Mustache file with their line numbers, so the checker can say exactly where a problem is.
enum TagScanner {
    static func scan(_ source: String) -> [ScannedTag] {
        var tags: [ScannedTag] = []
        let chars = Array(source.unicodeScalars)
        var index = 0
        var line = 1
        func starts(with text: String, at position: Int) -> Bool {
            let scalars = Array(text.unicodeScalars)
            guard position + scalars.count <= chars.count else { return false }
            return Array(chars[position..<position + scalars.count]) == scalars
        }
        while index < chars.count {
            if chars[index] == "\n" {
                line += 1
                index += 1
                continue
            }
            guard starts(with: "{{", at: index) else {
                index += 1
                continue
            }
            let tagLine = line
            let triple = starts(with: "{{{", at: index)
            let open = triple ? 3 : 2
            let closer = triple ? "}}}" : "}}"
            var end = index + open
            while end < chars.count, !starts(with: closer, at: end) {
                end += 1
            }
            guard end < chars.count else {
                tags.append(
                    ScannedTag(kind: .malformed, name: "tag opened with '{{' is never closed with '}}'", line: tagLine))
                return tags
            }
            let body = String(String.UnicodeScalarView(chars[(index + open)..<end]))
            line += body.filter { $0 == "\n" }.count
            index = end + closer.unicodeScalars.count
            tags.append(classify(body, triple: triple, line: tagLine))
        }
        return tags
    }

    private static func classify(_ body: String, triple: Bool, line: Int) -> ScannedTag {
        if triple {
            return tag(.unescaped, body, line)
        }
        guard let sigil = body.first else {
            return ScannedTag(kind: .malformed, name: "empty tag '{{}}'", line: line)
        }
        let rest = String(body.dropFirst())
        switch sigil {
        case "#": return tag(.section, rest, line)
        case "^": return tag(.inverted, rest, line)
        case "/": return tag(.close, rest, line)
        case "&": return tag(.unescaped, rest, line)
        case "!": return ScannedTag(kind: .comment, name: "", line: line)
        case "%": return ScannedTag(kind: .pragma, name: rest.trimmed, line: line)
        case "=": return ScannedTag(kind: .setDelimiter, name: rest.trimmed, line: line)
        case "$": return tag(.block, rest, line)
        case "<": return ScannedTag(kind: .parent, name: rest.trimmed, line: line, key: rest.trimmed)
        case ">":
            let name = rest.trimmed
            if name.hasPrefix("*") {
                return ScannedTag(kind: .dynamicPartial, name: String(name.dropFirst()).trimmed, line: line)
            }
            return ScannedTag(kind: .partial, name: name, line: line)
        default: return tag(.variable, body, line)
        }
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")

    private static func tag(_ kind: ScannedTag.Kind, _ text: String, _ line: Int) -> ScannedTag {
        var name = text.trimmed
        var transformed = false
        // Transforms such as `uppercased(name)` apply to the innermost argument.
        while let open = name.firstIndex(of: "("), name.hasSuffix(")") {
            name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            transformed = true
        }
        // `first()`, `last()`, `index()`, `even()` and `odd()` ask about the position in a list.
        if transformed, name.isEmpty {
            return ScannedTag(kind: kind, name: "", line: line, key: text.trimmed)
        }
        guard !name.isEmpty, name.allSatisfy({ nameCharacters.contains($0) }) else {
            return ScannedTag(kind: .malformed, name: "'\(text.trimmed)' is not a valid tag name", line: line)
        }
        return ScannedTag(kind: kind, name: name, line: line, key: text.trimmed)
    }
}

extension String {
    var trimmed: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
