/// A problem in a YAML file Crier reads (crier.yml, a schedule, a template.yml), naming the
/// file, line and key so the user can fix it; the one error type of the strict YAML layer.
public struct YAMLError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as the user named it.
    public let file: String
    /// 1-based line, when known.
    public let line: Int?
    /// The dotted key path (`email.relay`, `endpoints[2].url`), when the problem is a key.
    public let key: String?
    /// What is wrong and what would be right.
    public let message: String

    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `file:line: key: message`, leaving out what is not known.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let key { return "\(place): \(key): \(message)" }
        return "\(place): \(message)"
    }
}
