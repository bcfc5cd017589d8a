import Foundation
import Hummingbird

/// `POST /api/v1/bounces`: a partner (token with `bounces:write`) reports a bounce or complaint
/// as JSON `{email, kind: hard|soft|complaint, reason}`.
///
/// | answer | when |
/// |---|---|
/// | 200 `{"suppressed": REASON or null, "recent_soft_bounces": N}` | recorded |
/// | 400 `{"error": ..., "problems": [{field, message}]}` | not JSON, or a bad field |
/// | 401 / 403 | no or unknown token / token without `bounces:write` |
enum BounceRoutes {
    private struct Body: Decodable {
        let email: String?
        let kind: String?
        let reason: String?
    }

    private struct Refusal: Encodable {
        struct Problem: Encodable {
            let field: String
            let message: String
        }
        let error: String
        let problems: [Problem]
    }

    static func add(to router: Router<CrierRequestContext>, dependencies: HTTPDependencies) {
        router.post("api/v1/bounces") { request, context in
            let partner = try dependencies.partners.require(.bouncesWrite, of: request)
            guard let receiver = dependencies.bounces else { throw HTTPError(.notFound) }
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let body: Body
            do {
                body = try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
            } catch {
                return refuse([("body", "expected a JSON object {email, kind, reason}")])
            }
            var missing: [(String, String)] = []
            if body.email == nil { missing.append(("email", "required")) }
            if body.kind == nil { missing.append(("kind", "required: hard, soft or complaint")) }
            guard missing.isEmpty, let email = body.email, let kind = body.kind else { return refuse(missing) }
            do {
                let receipt = try await receiver.record(
                    email: email, kind: kind, reason: body.reason ?? "", partner: partner.id)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return OperationalRoutes.json(
                    String(decoding: try encoder.encode(receipt), as: UTF8.self) + "\n", status: .ok)
            } catch let rejection as BounceRejection {
                return refuse(rejection.problems.map { ($0.field, $0.message) })
            }
        }
    }

    private static func refuse(_ problems: [(String, String)]) -> Response {
        let refusal = Refusal(
            error: "bounce refused", problems: problems.map { Refusal.Problem(field: $0.0, message: $0.1) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = (try? encoder.encode(refusal)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return OperationalRoutes.json(text + "\n", status: .badRequest)
    }
}
