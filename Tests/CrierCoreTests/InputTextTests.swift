import CrierCore
import Foundation
import Testing

@Suite("input text: the one character rule for headers, addresses and URLs")
struct InputTextTests {
    @Test(
        "refused characters, by kind",
        arguments: [
            ("\r", InputText.Problem.Kind.lineBreak), ("\n", .lineBreak), ("\u{0B}", .lineBreak),
            ("\u{0C}", .lineBreak), ("\u{85}", .lineBreak), ("\u{2028}", .lineBreak), ("\u{2029}", .lineBreak),
            ("\u{00}", .control), ("\t", .control), ("\u{1B}", .control), ("\u{7F}", .control), ("\u{80}", .control),
            ("\u{9B}", .control), ("\u{202A}", .bidirectionalOverride), ("\u{202E}", .bidirectionalOverride),
            ("\u{2066}", .bidirectionalOverride), ("\u{2069}", .bidirectionalOverride),
        ])
    func refused(_ character: String, _ kind: InputText.Problem.Kind) {
        let problem = InputText.problem(in: "Safer \(character)Leicester")
        #expect(problem?.kind == kind)
        #expect(problem?.scalar == character.unicodeScalars.first)
    }

    @Test(
        "printable text of any script passes",
        arguments: ["Safer Leicester Partnership", "Zofia Łukasiewicz", "કિરણ પટેલ", "محمد", "🚨 Alert", "", "a\u{200D}b"])
    func accepted(_ text: String) {
        #expect(InputText.problem(in: text) == nil)
    }

    @Test("the problem names the code point")
    func describes() {
        #expect(InputText.problem(in: "a\u{2028}b")?.description == "contains a line break (U+2028)")
        #expect(InputText.problem(in: "a\u{1B}b")?.description == "contains a control character (U+001B)")
        #expect(InputText.problem(in: "a\u{202E}b")?.description == "contains a bidirectional override (U+202E)")
    }

    @Test("terminal output escapes what it refuses and nothing else")
    func terminalSafe() {
        #expect(InputText.terminalSafe("plain café") == "plain café")
        #expect(InputText.terminalSafe("a\r\nb\tc\u{1B}[31m\u{2028}") == #"a\r\nb\tc\u{1B}[31m\u{2028}"#)
    }

    @Test(
        "URLs are parsed strictly",
        arguments: [
            ("https://partner.example.org/hook", true), ("http://127.0.0.1:9001/hooks/crier?x=%20", true),
            ("https://partner.example.org/my hook", false), ("https://partner.example.org/hook\r\nX: y", false),
            ("https://partner.example.org/hook\u{2028}", false), ("https://partner.example.org/ü", false),
            ("https://partner.example.org/<x>", false), ("https://partner.example.org/%zz", false),
            ("ftp://partner.example.org/", false), ("https:///nohost", false), ("partner.example.org", false),
        ])
    func strictURL(_ text: String, _ valid: Bool) {
        let parsed = try? StrictURL.parse(text, schemes: ["http", "https"])
        #expect((parsed != nil) == valid)
    }
}
