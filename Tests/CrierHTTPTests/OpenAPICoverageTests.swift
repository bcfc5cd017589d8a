import Foundation
import Hummingbird
import Testing

@testable import CrierHTTP

/// The OpenAPI document against the router: every `/api` route is documented with its method, and
/// every documented operation is a route.
@Suite struct OpenAPICoverageTests {
    /// Readiness is not asked by these tests: the router is only walked.
    struct UnaskedReadiness: ReadinessProbe {
        func readiness() async -> Readiness { .ready }
    }

    /// Metrics are not asked by these tests: the router is only walked.
    struct UnaskedMetrics: MetricsExposition {
        func exposition() async -> String { "" }
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
    }

    func documented() throws -> Set<String> {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        var operations: Set<String> = []
        for (path, item) in paths {
            for method in item.keys where Self.methods.contains(method) {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        return operations
    }

    func routed() -> Set<String> {
        let router = CrierRouter.make(
            dependencies: HTTPDependencies(readiness: UnaskedReadiness(), metrics: UnaskedMetrics()))
        return Set(
            router.routes.filter { $0.path.description.hasPrefix("/api") }
                .map { "\($0.method.rawValue) \($0.path.description)" })
    }

    @Test func everyAPIRouteIsDocumented() throws {
        let missing = routed().subtracting(try documented())
        #expect(missing.isEmpty, "routes missing from openapi.json: \(missing.sorted())")
    }

    @Test func everyDocumentedOperationIsARoute() throws {
        let extra = try documented().subtracting(routed())
        #expect(extra.isEmpty, "openapi.json documents operations the router lacks: \(extra.sorted())")
    }

    @Test func isOpenAPI31WithAScopeAndA401OnEveryPartnerOperation() throws {
        let document = try document()
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let scopes = Set(PartnerScope.allCases.map(\.rawValue))
        for (path, item) in paths where path.hasPrefix("/api/v1/") {
            for (method, value) in item where Self.methods.contains(method) {
                let operation = try #require(value as? [String: Any])
                let scope = operation["x-scope"] as? String
                #expect(scope.map(scopes.contains) == true, "\(method) \(path) names no known scope")
                let responses = try #require(operation["responses"] as? [String: Any])
                #expect(responses["401"] != nil && responses["403"] != nil, "\(method) \(path)")
            }
        }
    }
}
