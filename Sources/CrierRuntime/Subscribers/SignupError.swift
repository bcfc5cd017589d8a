/// Why a sign-up request was refused: each problem names the field, so a form can show it beside
/// the field and a partner can correct its call. It never says whether the address is known.
public struct SignupError: BadInput, Equatable {
    /// One refused field.
    public struct Problem: Sendable, Equatable, Encodable {
        public let field: String
        public let message: String
    }

    /// Every problem found, in form order.
    public let problems: [Problem]

    public var description: String {
        "sign-up refused: " + problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
    }
}

/// The installation cannot send confirmation links: crier.yml has no `http.public_url` (the base
/// the links need) or no `email` relay. An operator's setting, not the resident's mistake.
public struct SignupUnavailable: Error, CustomStringConvertible, Sendable {
    public var description: String {
        "sign-up needs http.public_url (the base of the confirmation links) and an email relay in crier.yml"
    }
}
