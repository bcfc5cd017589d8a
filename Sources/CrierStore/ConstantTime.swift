/// Comparison of secrets whose duration does not depend on where they differ.
///
/// It exists because an early-exit `==` on a token tells a patient attacker, by its timing, how many
/// leading characters they guessed right; this one always reads every byte of the longer input.
public enum ConstantTime {
    /// True when `given` and `expected` hold the same bytes; reads every byte of both whatever they hold.
    @inline(never)
    public static func equal(_ given: some Collection<UInt8>, _ expected: some Collection<UInt8>) -> Bool {
        var difference = UInt64(truncatingIfNeeded: given.count ^ expected.count)
        var left = given.makeIterator()
        var right = expected.makeIterator()
        for _ in 0..<max(given.count, expected.count) {
            let a = left.next() ?? 0
            let b = right.next() ?? 0
            difference |= UInt64(a ^ b)
        }
        return difference == 0
    }

    /// True when the two strings hold the same UTF-8 bytes, compared as `equal(_:_:)` does.
    public static func equal(_ given: String, _ expected: String) -> Bool {
        equal(Array(given.utf8), Array(expected.utf8))
    }
}
