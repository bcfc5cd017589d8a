/// Bad input from the user (an unknown area, a malformed value): the command exits 2 with this message.
public struct InputError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, naming the field or file.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
