import Foundation

/// A time zone's UTC offsets over a stretch of time, read once so planning a year of slots asks
/// Foundation only a handful of questions.
///
/// Answers the one question slot planning has: which instants show a given wall-clock time?
/// None (the skipped hour when clocks go forward), one, or two (the repeated hour when they go back).
struct ZoneOffsets {
    /// How a wall-clock time maps onto instants (epoch seconds).
    enum Resolution: Equatable {
        /// The wall time happens once.
        case unique(Int64)
        /// The wall time happens twice (clocks went back): the earlier instant first.
        case repeated(Int64, Int64)
        /// The wall time never happens (clocks went forward); `gapEnd` is the instant they jumped,
        /// the first valid time after the gap, and `offsetBefore` the offset in force until then.
        case skipped(gapEnd: Int64, offsetBefore: Int)
    }

    /// `starts[i]` is the first instant `offsets[i]` applies; `starts[0]` is the distant past.
    private var starts: [Int64]
    private var offsets: [Int]
    let minOffset: Int
    let maxOffset: Int

    /// Reads the offsets in force from `from` through `through` (epoch seconds), with two days' margin.
    init(zone: TimeZone, from: Int64, through: Int64) {
        let begin = Date(timeIntervalSince1970: Double(from - 2 * 86_400))
        let end = Date(timeIntervalSince1970: Double(through + 2 * 86_400))
        var starts: [Int64] = [Int64.min]
        var offsets: [Int] = [zone.secondsFromGMT(for: begin)]
        var cursor = begin
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next > cursor, next <= end {
            let offset = zone.secondsFromGMT(for: next.addingTimeInterval(1))
            if offset != offsets[offsets.count - 1] {
                starts.append(Int64(next.timeIntervalSince1970.rounded()))
                offsets.append(offset)
            }
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
        minOffset = offsets.min() ?? 0
        maxOffset = offsets.max() ?? 0
    }

    /// The offset in force at `instant`.
    func offset(at instant: Int64) -> Int { offsets[index(at: instant)] }

    /// Which instants show `wall` (seconds since 1970-01-01T00:00 on the wall clock).
    func resolve(wall: Int64) -> Resolution {
        let first = index(at: wall - Int64(maxOffset))
        let last = index(at: wall - Int64(minOffset))
        var earlier: Int64?
        var later: Int64?
        for k in first...last {
            let instant = wall - Int64(offsets[k])
            guard starts[k] <= instant, k + 1 == starts.count || instant < starts[k + 1] else { continue }
            if let seen = earlier {
                earlier = min(seen, instant)
                later = max(seen, instant)
            } else {
                earlier = instant
            }
        }
        if let earlier, let later { return .repeated(earlier, later) }
        if let earlier { return .unique(earlier) }
        for k in max(first, 1)...max(last, 1) where k < starts.count {
            let gapStart = starts[k] + Int64(offsets[k - 1])
            let gapEnd = starts[k] + Int64(offsets[k])
            if gapStart <= wall, wall < gapEnd { return .skipped(gapEnd: starts[k], offsetBefore: offsets[k - 1]) }
        }
        return .unique(wall - Int64(offsets[first]))
    }

    /// The index of the interval holding `instant` (binary search).
    private func index(at instant: Int64) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= instant { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
