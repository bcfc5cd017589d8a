import CrierCore

/// Terminal output of values that came from input (crier.yml, a CSV, an operator's variables).
enum TerminalText {
    /// `line` with every control character, line separator and bidirectional override of its
    /// tab-separated fields escaped (`\r`, `\n`, `\u{1B}`), so a value can neither start a forged
    /// output line nor drive the terminal; the tabs between fields stay.
    static func line(_ line: String) -> String {
        guard InputText.problem(in: line) != nil else { return line }
        return line.split(separator: "\t", omittingEmptySubsequences: false)
            .map { InputText.terminalSafe(String($0)) }.joined(separator: "\t")
    }

    /// Prints `line` escaped as `line(_:)` says.
    static func print(_ line: String) {
        Swift.print(Self.line(line))
    }
}
