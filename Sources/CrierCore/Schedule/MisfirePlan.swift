public import Foundation

/// What to do with a schedule's slots that came due while nobody was looking (downtime, a late tick).
///
/// The rule (DESIGN.md, Scheduling): missed slots within the grace fire once, the latest only;
/// older ones are recorded as missed, never sent.
///
/// | due slot | lateness (`now - instant`) | outcome |
/// |---|---|---|
/// | the latest within grace | ≤ grace | `fire` |
/// | any other within grace | ≤ grace | `superseded` (recorded missed) |
/// | any | > grace | `expired` (recorded missed) |
public struct MisfirePlan: Sendable, Equatable {
    /// The one slot to fire now, if any.
    public let fire: Slot?
    /// Slots too late to send (older than the grace).
    public let expired: [Slot]
    /// Slots within the grace that a later slot replaces.
    public let superseded: [Slot]

    /// Every slot to record as missed (expired and superseded), in order.
    public var missed: [Slot] { (expired + superseded).sorted() }

    /// Applies the rule to the slots that are due (instant ≤ `now`, not yet handled).
    public init(due: [Slot], now: Date, grace: TimeInterval) {
        let ordered = due.filter { $0.instant <= now }.sorted()
        let inGrace = ordered.filter { now.timeIntervalSince($0.instant) <= grace }
        expired = ordered.filter { now.timeIntervalSince($0.instant) > grace }
        fire = inGrace.last
        superseded = Array(inGrace.dropLast())
    }
}

extension Timetable {
    /// Plans catching up: the slots after `lastHandled` up to and including `now`, split by `MisfirePlan`.
    ///
    /// With no slot handled yet (a new schedule), only the last `grace` is looked at: a new
    /// schedule does not record its whole past as missed.
    public func catchUp(lastHandled: Date?, now: Date, grace: TimeInterval, in zone: TimeZone) -> MisfirePlan {
        let start = lastHandled ?? now.addingTimeInterval(-max(grace, 0) - 1)
        let lower = Int64(start.timeIntervalSince1970.rounded(.down)) + 1
        let upper = Int64(now.timeIntervalSince1970.rounded(.down))
        return MisfirePlan(due: slots(in: zone, lower: lower, upper: upper), now: now, grace: grace)
    }
}
