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
    /// Plans catching up: the slots that fire after `lastHandled` up to and including `now`, split
    /// by `MisfirePlan`.
    ///
    /// With no slot handled yet (a new schedule), only the last `grace` is looked at: a new
    /// schedule does not record its whole past as missed. Slots whose own instant is before
    /// `notBefore` (when the schedule was first seen enabled) are none of its business. `firing`
    /// moves a slot to when it really fires, keeping its key (quiet hours hold a slot until they
    /// end), never by more than `holdMargin` seconds: a slot held from before `lastHandled` to
    /// after it is caught up too.
    public func catchUp(
        lastHandled: Date?, now: Date, grace: TimeInterval, in zone: TimeZone, notBefore: Date? = nil,
        holdMargin: TimeInterval = 0, firing: (Slot) -> Slot = { $0 }
    ) -> MisfirePlan {
        let start = lastHandled ?? now.addingTimeInterval(-max(grace, 0) - 1)
        let lower = Int64(start.timeIntervalSince1970.rounded(.down)) + 1
        let upper = Int64(now.timeIntervalSince1970.rounded(.down))
        let due = slots(in: zone, lower: lower - Int64(max(holdMargin, 0).rounded(.up)), upper: upper)
            .filter { slot in notBefore.map { slot.instant >= $0 } ?? true }
            .map(firing)
            .filter { $0.instant > start && $0.instant <= now }
        return MisfirePlan(due: due, now: now, grace: grace)
    }
}
