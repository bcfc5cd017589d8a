/// Why a news item was refused: the field at fault and what is wrong with it, so the command line
/// and the partner API can both say exactly what to correct.
public struct BulletinItemError: BadInput, Equatable {
    /// The input field at fault (`area`, `title`, `body`, `link`, `expires`).
    public let field: String
    /// What is wrong with it.
    public let reason: String

    /// A refusal of `field`.
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
