import CrierCore
import Foundation

/// Turns the plain advice text of an alert into HTML blocks: headings, lists and paragraphs.
///
/// The text follows the templates' conventions: blocks separated by blank lines, a short line standing
/// alone before another block is a heading ("What to do", "Remember"), lines starting with `- ` are list
/// items, and anything else is a paragraph whose line breaks are kept.
enum AdviceText {
    /// One block of advice text.
    enum Block: Hashable {
        case heading(String)
        case paragraph([String])
        case list([String])
    }

    /// The longest line, in characters, that can be a heading.
    static let maximumHeadingLength = 60

    /// The blocks of `text`; consecutive lists (even split by blank lines) become one.
    static func blocks(_ text: String) -> [Block] {
        let chunks = chunks(of: text)
        var result: [Block] = []
        for (index, lines) in chunks.enumerated() {
            if lines.count == 1, index < chunks.count - 1, let heading = heading(lines[0]) {
                result.append(.heading(heading))
                continue
            }
            for block in runs(of: lines) {
                if case .list(let items) = block, case .list(let previous) = result.last {
                    result[result.count - 1] = .list(previous + items)
                } else {
                    result.append(block)
                }
            }
        }
        return result
    }

    /// `blocks` as HTML lines, every value escaped, headings at `headingLevel` (`4` is `<h4>`).
    static func html(_ blocks: [Block], headingLevel: Int) -> [String] {
        var out: [String] = []
        for block in blocks {
            switch block {
            case .heading(let text):
                out.append("<h\(headingLevel)>\(XMLText.escape(text))</h\(headingLevel)>")
            case .paragraph(let lines):
                out.append("<p>" + lines.map { XMLText.escape($0) }.joined(separator: "<br>\n") + "</p>")
            case .list(let items):
                out.append("<ul>")
                out.append(contentsOf: items.map { "<li>\(XMLText.escape($0))</li>" })
                out.append("</ul>")
            }
        }
        return out
    }

    /// True when `text` says the same as `other`, ignoring case and how whitespace is laid out.
    static func contains(_ text: String, _ other: String) -> Bool {
        let needle = normalised(other)
        return !needle.isEmpty && normalised(text).contains(needle)
    }

    /// Lowercased, with every run of whitespace made one space.
    static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The blank-line-separated chunks of `text`, each a list of trimmed, non-empty lines.
    private static func chunks(of text: String) -> [[String]] {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var chunks: [[String]] = []
        var current: [String] = []
        for line in unified.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !current.isEmpty { chunks.append(current) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    /// The lines of one chunk grouped into paragraphs and lists.
    private static func runs(of lines: [String]) -> [Block] {
        var result: [Block] = []
        var paragraph: [String] = []
        var items: [String] = []
        for line in lines {
            if let item = listItem(line) {
                if !paragraph.isEmpty { result.append(.paragraph(paragraph)) }
                paragraph = []
                items.append(item)
            } else {
                if !items.isEmpty { result.append(.list(items)) }
                items = []
                paragraph.append(line)
            }
        }
        if !paragraph.isEmpty { result.append(.paragraph(paragraph)) }
        if !items.isEmpty { result.append(.list(items)) }
        return result
    }

    /// The text of a `- ` list line, or nil.
    private static func listItem(_ line: String) -> String? {
        guard line.hasPrefix("- ") else { return nil }
        let item = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
        return item.isEmpty ? nil : item
    }

    /// The heading a lone line makes (a trailing colon dropped), or nil when it reads as a sentence,
    /// a list item or a `Label: value` line.
    private static func heading(_ line: String) -> String? {
        guard line.count <= maximumHeadingLength, !line.hasPrefix("- "), !line.contains(": "),
            line.contains(where: \.isLetter), let last = line.last, !".!?,;".contains(last)
        else { return nil }
        return line.hasSuffix(":") ? String(line.dropLast()).trimmingCharacters(in: .whitespaces) : line
    }
}
