public import Foundation

/// The local hours in which scheduled (non-urgent) messages are held back, e.g. 21:00 to 08:00.
///
/// The period may wrap midnight. `start` is inside it, `end` is not; equal start and end mean
/// no quiet period at all.
public struct QuietHours: Sendable, Hashable {
    /// Minutes after local midnight the quiet period starts.
    public let startMinute: Int
    /// Minutes after local midnight it ends.
    public let endMinute: Int

    /// Reads `HH:MM` times; errors name the field (`start` or `end`).
    public init(start: String, end: String) throws(TimeSyntaxError) {
        let first = try LocalDateTime.timeOfDay(String(start.trimmingScheduleSpaces), field: "start", whole: start)
        let last = try LocalDateTime.timeOfDay(String(end.trimmingScheduleSpaces), field: "end", whole: end)
        startMinute = first.hour * 60 + first.minute
        endMinute = last.hour * 60 + last.minute
    }

    /// Whether a local minute of the day (0 ..< 1440) is quiet.
    func isQuiet(minuteOfDay minute: Int) -> Bool {
        if startMinute < endMinute { return startMinute <= minute && minute < endMinute }
        if startMinute > endMinute { return minute >= startMinute || minute < endMinute }
        return false
    }

    /// When a message held at `instant` may go: the end of the quiet period it falls in, or nil
    /// when `instant` is not quiet.
    ///
    /// An end time skipped by clocks going forward releases at the first valid minute after the
    /// gap; a repeated one releases at its first occurrence.
    public func release(of instant: Date, in zone: TimeZone) -> Date? {
        let epoch = Int64(instant.timeIntervalSince1970.rounded(.down))
        let wall = epoch + Int64(zone.secondsFromGMT(for: instant))
        let day = CivilCalendar.floorDiv(wall, 86_400)
        let minute = Int(wall - day * 86_400) / 60
        guard isQuiet(minuteOfDay: minute) else { return nil }
        let releaseDay = (startMinute > endMinute && minute >= startMinute) ? day + 1 : day
        let releaseWall = releaseDay * 86_400 + Int64(endMinute * 60)
        let offsets = ZoneOffsets(zone: zone, from: epoch, through: epoch + 2 * 86_400)
        let released: Int64 =
            switch offsets.resolve(wall: releaseWall) {
            case .unique(let at): at
            case .repeated(let first, _): first
            case .skipped(let gapEnd, _): gapEnd
            }
        return Date(timeIntervalSince1970: Double(released))
    }
}
