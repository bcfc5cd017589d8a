import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, in order, repeated names kept
/// (a form's checkboxes send one `topics=` per box).
struct FormFields {
    let pairs: [(name: String, value: String)]

    /// Reads and decodes `request`'s body, at most the context's upload limit (413 beyond it);
    /// 415 when it is not a urlencoded form.
    static func read(_ request: Request, context: CrierRequestContext) async throws -> FormFields {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.unsupportedMediaType, message: "send the form as application/x-www-form-urlencoded")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return FormFields(String(buffer: buffer))
    }

    init(_ body: String) {
        pairs = body.split(separator: "&").compactMap { piece in
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first.map(Self.decode), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    func first(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
