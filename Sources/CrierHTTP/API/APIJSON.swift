import Foundation
import Hummingbird
import NIOCore

/// Reading JSON request bodies strictly and writing JSON responses, for the `/api` routes.
///
/// A body must be one JSON object whose fields are all known, each of the expected type; any other
/// body is refused with a message naming the field, so a partner's mistake never passes silently.
enum APIJSON {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// `value` as a JSON response with `status`, never cached.
    static func response(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":"internal error"}"#.utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
    }

    /// The request's body as one JSON object whose keys are among `allowed`.
    static func object(
        of request: Request, context: CrierRequestContext, allowed: Set<String>
    ) async throws -> [String: Any] {
        if let type = request.headers[.contentType],
            type.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() != "application/json"
        {
            throw APIError(.unsupportedMediaType, "send the body as application/json")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw APIError(.contentTooLarge, "the body is larger than \(context.maxUploadSize) bytes")
        }
        let parsed = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView), options: [])
        guard let object = parsed as? [String: Any] else {
            throw APIError(.badRequest, "the body must be a JSON object")
        }
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.badField(unknown, "unknown field (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
        return object
    }

    /// The string at `key`; throws when it is missing (and `required`) or not a string.
    static func string(_ object: [String: Any], _ key: String, required: Bool) throws -> String? {
        guard let value = object[key], !(value is NSNull) else {
            if required { throw APIError.badField(key, "required") }
            return nil
        }
        guard let text = value as? String else { throw APIError.badField(key, "must be a string") }
        return text
    }

    /// The array of strings at `key`; throws when it is missing or of another type.
    static func strings(_ object: [String: Any], _ key: String) throws -> [String] {
        guard let value = object[key], !(value is NSNull) else { throw APIError.badField(key, "required") }
        guard let list = value as? [Any], let texts = list as? [String] else {
            throw APIError.badField(key, "must be an array of strings")
        }
        return texts
    }
}
