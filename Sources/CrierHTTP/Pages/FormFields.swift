import Foundation
public import Hummingbird

/// The fields of a submitted HTML form, in order, as `application/x-www-form-urlencoded` or
/// `multipart/form-data` sent them (some mail providers send one-click unsubscribes as multipart).
///
/// It exists because form routes need repeated fields (checkboxes) and both encodings, and nothing
/// more: files and nested keys are not forms these pages have.
public struct FormFields: Sendable, Equatable {
    /// Each field's name and value, in the order sent.
    public var pairs: [(name: String, value: String)]

    /// Fields from `pairs`.
    public init(_ pairs: [(name: String, value: String)] = []) {
        self.pairs = pairs
    }

    /// The first value sent as `name`, or nil.
    public func value(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value sent as `name`, in order.
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    public static func == (lhs: FormFields, rhs: FormFields) -> Bool {
        lhs.pairs.map(\.name) == rhs.pairs.map(\.name) && lhs.pairs.map(\.value) == rhs.pairs.map(\.value)
    }

    /// Why a body is not a form these pages read.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, in words.
        public let description: String
    }

    /// Reads the body of `request` (at most `limit` bytes) as a form, by its content type.
    public static func read(_ request: Request, limit: Int) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: limit)
        let bytes = Array(buffer.readableBytesView)
        let contentType = request.headers[.contentType] ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        switch mediaType.lowercased() {
        case "multipart/form-data":
            guard let boundary = parameter("boundary", in: contentType) else {
                throw Problem(description: "multipart/form-data without a boundary")
            }
            return try multipart(bytes, boundary: boundary)
        case "application/x-www-form-urlencoded", "":
            return urlEncoded(String(decoding: bytes, as: UTF8.self))
        default:
            throw Problem(description: "expected a form, not \(mediaType)")
        }
    }

    /// Parses `name=value&...`, with `+` as a space and percent escapes decoded.
    public static func urlEncoded(_ text: String) -> FormFields {
        var pairs: [(name: String, value: String)] = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(halves[0])
            let value = halves.count > 1 ? decode(halves[1]) : ""
            pairs.append((name, value))
        }
        return FormFields(pairs)
    }

    /// Parses a `multipart/form-data` body delimited by `boundary`; parts with a filename are skipped.
    public static func multipart(_ body: [UInt8], boundary: String) throws -> FormFields {
        let delimiter = Array("--\(boundary)".utf8)
        var pairs: [(name: String, value: String)] = []
        var positions: [Int] = []
        var index = 0
        while let found = find(delimiter, in: body, from: index) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else { throw Problem(description: "multipart body without its boundaries") }
        for (start, end) in zip(positions, positions.dropFirst()) {
            var part = Array(body[(start + delimiter.count)..<end])
            guard part.starts(with: crlf) else { throw Problem(description: "malformed multipart boundary line") }
            part.removeFirst(2)
            if part.suffix(2) == crlf[...] { part.removeLast(2) }
            guard let split = find(crlf + crlf, in: part, from: 0) else {
                throw Problem(description: "multipart part without a blank line after its headers")
            }
            let headers = String(decoding: part[..<split], as: UTF8.self)
            let value = String(decoding: part[(split + 4)...], as: UTF8.self)
            guard
                let disposition = headers.split(separator: "\r\n").first(where: {
                    $0.lowercased().hasPrefix("content-disposition:")
                })
            else {
                throw Problem(description: "multipart part without Content-Disposition")
            }
            let text = String(disposition)
            guard parameter("filename", in: text) == nil else { continue }
            guard let name = parameter("name", in: text) else {
                throw Problem(description: "multipart part without a field name")
            }
            pairs.append((name, value))
        }
        return FormFields(pairs)
    }

    private static let crlf: [UInt8] = [13, 10]

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The value of `; name=value` or `; name="value"` in a header value.
    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let halves = piece.split(separator: "=", maxSplits: 1)
            guard halves.count == 2, halves[0].trimmingCharacters(in: .whitespaces).lowercased() == name else {
                continue
            }
            var value = halves[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
