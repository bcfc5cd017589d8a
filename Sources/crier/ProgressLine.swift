import CrierCore
import Foundation

/// The `--wait` progress line: per channel how many are delivered, retrying and dead, then when the
/// next retry is due and the last error, so a relay that is down shows as such instead of a frozen bar.
///
/// Counts come first and details last: cut to a narrow terminal, the details go before the counts.
enum ProgressLine {
    /// One line for `channels`; `bar` adds a small bar per channel (on a terminal).
    static func text(_ channels: [DeliveryChannelProgress], zone: TimeZone, bar: Bool) -> String {
        let live = channels.filter { $0.total > 0 }
        guard !live.isEmpty else { return "no deliveries" }
        let counts = live.map { progress -> String in
            var text = "\(progress.channel.rawValue) "
            if bar { text += meter(progress) + " " }
            text +=
                "\(progress.delivered)/\(progress.total) delivered, \(progress.retrying) retrying, \(progress.dead) dead"
            return text
        }
        let details = live.compactMap { progress -> String? in
            var parts: [String] = []
            if let next = progress.nextRetryAt { parts.append("next retry \(clock(next, zone: zone))") }
            if let error = progress.lastError { parts.append("last error: \(error)") }
            return parts.isEmpty ? nil : "\(progress.channel.rawValue): " + parts.joined(separator: ", ")
        }
        return (counts + details).joined(separator: " | ")
    }

    /// `[######....]`: delivered or dead out of all, ten characters wide.
    private static func meter(_ progress: DeliveryChannelProgress) -> String {
        let width = 10
        let done = progress.total == 0 ? width : (progress.delivered + progress.dead) * width / progress.total
        return "[" + String(repeating: "#", count: done) + String(repeating: ".", count: width - done) + "]"
    }

    /// `14:03:22` in `zone`: an absolute time, so the line changes only when the outbox does.
    private static func clock(_ date: Date, zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date)
    }
}
