import Foundation
import Testing

@testable import CrierRuntime

@Suite("operator names")
struct OperatorTests {
    @Test(
        "names that are one person fold to one spelling",
        arguments: [
            ("alice", "alice"), ("Alice", "alice"), ("alice ", "alice"), (" ALICE\t", "alice"),
            ("\u{FF41}lice", "alice"),
            ("Zofia Łukasiewicz", "zofia łukasiewicz"), ("કિરણ", "કિરણ"), ("bob-2", "bob-2"),
        ])
    func normalised(_ name: String, _ expected: String) throws {
        #expect(try Operator.normalise(name, source: "--operator") == expected)
    }

    @Test(
        "empty, invisible, format and mixed-script names are refused",
        arguments: [
            "", "   ", "ali\u{200B}ce", "ali\u{200D}ce", "ali\u{00AD}ce", "ali\u{202E}ce", "ali\u{1B}ce",
            "\u{0430}lice", "al\u{03B9}ce",
        ])
    func refused(_ name: String) {
        let error = #expect(throws: OperatorError.self) { try Operator.normalise(name, source: "--operator") }
        #expect(error?.description.hasPrefix("--operator: ") == true)
    }

    @Test("an empty --operator is refused rather than falling back to the login user")
    func emptyExplicit() throws {
        #expect(throws: OperatorError.empty(source: "--operator")) {
            try Operator.current("", environment: ["USER": "root"])
        }
        #expect(throws: OperatorError.self) { try Operator.current(nil, environment: ["CRIER_OPERATOR": ""]) }
        #expect(try Operator.current(nil, environment: ["USER": "Root"]) == "root")
    }
}
