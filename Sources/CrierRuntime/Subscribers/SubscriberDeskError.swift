/// Why the subscribers desk refused an operator's request: bad rows in an import, an unknown area,
/// address or unsubscribe token. Each names what was given, so the operator can correct it.
public struct SubscriberDeskError: BadInput, Equatable {
    private enum Code: Equatable, Sendable {
        case badRows(file: String, problems: [String])
        case unknownArea(String, known: String)
        case noSubscriber(String)
        case unknownToken
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The import found bad rows and, without `--skip-invalid`, imported nothing.
    public static func badRows(file: String, problems: [String]) -> SubscriberDeskError {
        SubscriberDeskError(.badRows(file: file, problems: problems))
    }

    /// No area of crier.yml has this id; `known` lists those that do.
    public static func unknownArea(_ area: String, known: String) -> SubscriberDeskError {
        SubscriberDeskError(.unknownArea(area, known: known))
    }

    /// No subscriber has this address.
    public static func noSubscriber(_ email: String) -> SubscriberDeskError {
        SubscriberDeskError(.noSubscriber(email))
    }

    /// No subscriber has this unsubscribe token.
    public static let unknownToken = SubscriberDeskError(.unknownToken)

    public var description: String {
        switch code {
        case .badRows(let file, let problems):
            let lines = problems.map { "\(file):\($0)" }.joined(separator: "\n")
            return "\(problems.count) bad rows, nothing imported (use --skip-invalid to import the rest):\n\(lines)"
        case .unknownArea(let area, let known):
            return "unknown area \"\(area)\" (known: \(known))"
        case .noSubscriber(let email):
            return "no subscriber \(email)"
        case .unknownToken:
            return "unknown unsubscribe token"
        }
    }
}
