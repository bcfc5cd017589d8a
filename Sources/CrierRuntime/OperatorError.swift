/// Why an operator name (from `--operator`, `CRIER_OPERATOR` or the account) cannot go in the
/// audit log; `source` says where the name came from.
public struct OperatorError: BadInput, Equatable {
    private enum Code: Equatable, Sendable {
        case empty(source: String)
        case invisibleCharacter(source: String, codePoint: String)
        case mixedScripts(source: String, name: String, scripts: [String])
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The name is empty once trimmed.
    public static func empty(source: String) -> OperatorError { OperatorError(.empty(source: source)) }

    /// The name holds an invisible or format character (`codePoint` as `U+XXXX`).
    public static func invisibleCharacter(source: String, codePoint: String) -> OperatorError {
        OperatorError(.invisibleCharacter(source: source, codePoint: codePoint))
    }

    /// The name mixes scripts, so two names could look alike.
    public static func mixedScripts(source: String, name: String, scripts: [String]) -> OperatorError {
        OperatorError(.mixedScripts(source: source, name: name, scripts: scripts))
    }

    public var description: String {
        switch code {
        case .empty(let source):
            "\(source): the operator name is empty"
        case .invisibleCharacter(let source, let codePoint):
            "\(source): the operator name contains an invisible or format character (\(codePoint))"
        case .mixedScripts(let source, let name, let scripts):
            "\(source): the operator name \"\(name)\" mixes scripts (\(scripts.joined(separator: ", "))); use one"
        }
    }
}
