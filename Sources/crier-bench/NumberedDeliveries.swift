import CrierCore

/// The benchmark's deliveries, made one at a time as the outbox writes them, so a run of a
/// million never holds them all in memory.
struct NumberedDeliveries: Sequence, Sendable {
    let count: Int
    let make: @Sendable (Int) -> NewDelivery

    func makeIterator() -> some IteratorProtocol<NewDelivery> {
        (0..<count).lazy.map(make).makeIterator()
    }
}
