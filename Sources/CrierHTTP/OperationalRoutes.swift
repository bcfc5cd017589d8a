import Foundation
import Hummingbird

/// `/healthz`, `/readyz` and `/metrics`: what a supervisor, a load balancer and Prometheus ask.
enum OperationalRoutes {
    private struct NotReady: Encodable {
        let status: String
        let reasons: [String]
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func add(to router: Router<CrierRequestContext>, dependencies: HTTPDependencies) {
        router.get("healthz") { _, _ in
            plain("ok\n")
        }
        router.get("readyz") { _, _ in
            switch await dependencies.readiness.readiness() {
            case .ready:
                return json(#"{"status":"ready"}"# + "\n", status: .ok)
            case .notReady(let reasons):
                let body = (try? encoder.encode(NotReady(status: "not ready", reasons: reasons))) ?? Data()
                return json(String(decoding: body, as: UTF8.self) + "\n", status: .serviceUnavailable)
            }
        }
        router.get("metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(
                status: .ok, headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: await dependencies.metrics.exposition())))
        }
    }

    static func plain(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ text: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
