import Foundation

/// A MIME entity read just far enough to find a delivery report: unfolded headers, the
/// `Content-Type` with its parameters, and for multipart bodies the parts between boundaries.
///
/// Bounce messages are ASCII in their structure (RFC 3464 and RFC 5965 fields are ASCII), so the
/// text is read as UTF-8 with invalid bytes replaced; line ends may be CRLF or LF.
struct MailMessage {
    /// Header fields in order, names lowercased, values unfolded and trimmed.
    let headers: [(name: String, value: String)]
    /// The body as text, lines ending in LF.
    let body: String

    init(_ text: String) {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        let headerText: Substring
        if let end = normalised.range(of: "\n\n") {
            headerText = normalised[..<end.lowerBound]
            body = String(normalised[end.upperBound...])
        } else if normalised.hasPrefix("\n") {
            headerText = ""
            body = String(normalised.dropFirst())
        } else {
            headerText = Substring(normalised)
            body = ""
        }
        headers = Self.fields(headerText)
    }

    /// Parses `Name: value` lines, joining continuation lines (starting with a space or tab).
    static func fields(_ text: Substring) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                fields.append((name, value))
            }
        }
        return fields
    }

    /// The first value of header `name` (case-insensitive).
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }

    /// The media type, lowercased (`multipart/report`); `text/plain` when there is none.
    var mediaType: String {
        let value = header("content-type") ?? "text/plain"
        let type = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// A parameter of the `Content-Type` (`boundary`, `report-type`), unquoted; names case-insensitive.
    func contentTypeParameter(_ name: String) -> String? {
        guard let value = header("content-type") else { return nil }
        var rest = Substring(value)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...]
            let piece = rest.prefix { $0 != ";" }
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let key = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var raw = rest[rest.index(after: equals)...].drop { $0 == " " }
            if raw.first == "\"" {
                raw = raw.dropFirst()
                let closing = raw.firstIndex(of: "\"") ?? raw.endIndex
                if key == name.lowercased() { return String(raw[..<closing]) }
                rest = raw[closing...]
            } else {
                let text = raw.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
                if key == name.lowercased() { return text }
            }
        }
        return nil
    }

    /// The body, decoded when it is base64 or quoted-printable.
    var decodedBody: String {
        switch header("content-transfer-encoding")?.lowercased() {
        case "base64":
            guard let data = Data(base64Encoded: body, options: .ignoreUnknownCharacters) else { return body }
            return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        case "quoted-printable":
            return Self.decodeQuotedPrintable(body)
        default:
            return body
        }
    }

    /// The parts of a multipart body, in order; empty when this is not multipart or has no boundary.
    var parts: [MailMessage] {
        guard mediaType.hasPrefix("multipart/"), let boundary = contentTypeParameter("boundary") else { return [] }
        let delimiter = "--" + boundary
        var parts: [MailMessage] = []
        var current: [Substring]?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == delimiter + "--" {
                if let lines = current { parts.append(MailMessage(lines.joined(separator: "\n"))) }
                current = nil
                break
            } else if trimmed == delimiter {
                if let lines = current { parts.append(MailMessage(lines.joined(separator: "\n"))) }
                current = []
            } else if current != nil {
                current?.append(line)
            }
        }
        if let lines = current { parts.append(MailMessage(lines.joined(separator: "\n"))) }
        return parts
    }

    private static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "="), index + 1 < source.count {
                if source[index + 1] == UInt8(ascii: "\n") {
                    index += 2
                    continue
                }
                if index + 2 < source.count,
                    let value = UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16)
                {
                    bytes.append(value)
                    index += 3
                    continue
                }
            }
            bytes.append(byte)
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
