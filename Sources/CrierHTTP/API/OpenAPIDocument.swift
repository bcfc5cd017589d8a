import Hummingbird
import NIOCore

/// The OpenAPI 3.1 description of the partner API, served at `/api/openapi.json`.
///
/// Its one source is `openapi.json` beside this file, embedded into the binary at build time, so
/// the document partners read and the one the repository keeps cannot drift apart; a test checks
/// it against the router's routes.
public enum OpenAPIDocument {
    /// The document's bytes.
    public static var bytes: [UInt8] { PackageResources.openapi_json }

    static func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "public, max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
