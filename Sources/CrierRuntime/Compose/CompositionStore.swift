public import CrierCore
public import Foundation

/// What composing writes: a message, its renditions and its deliveries, in one transaction.
///
/// Nothing is sent that is not first written here. `async` so a big write never holds a thread
/// of Swift's cooperative pool. SQLite implements it for production, an in-memory store for tests.
public protocol CompositionStore: Sendable {
    /// Writes `message`, its renditions and its deliveries in one transaction; `deliveries` is
    /// consumed as it is written. Deliveries with the same (channel, destination) are written once;
    /// those of a disabled endpoint are written dead. Returns how many were written.
    @discardableResult
    func enqueue(
        _ message: MessageRecord, renditions: [Rendition], deliveries: some Sequence<NewDelivery> & Sendable,
        now: Date
    ) async throws -> Int
}
