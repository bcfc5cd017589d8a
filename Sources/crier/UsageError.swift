import CrierRuntime

/// A flag or argument the command line itself refuses (a combination, a value out of range, a
/// name that matches nothing); it is bad input, so crier exits 2 with this message.
struct UsageError: BadInput {
    /// What is wrong, naming the flag or value.
    let description: String

    init(_ description: String) { self.description = description }
}
