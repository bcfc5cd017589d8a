import Foundation

/// How the pages write times: in the page's zone, British English, 24-hour clock.
enum PageTime {
    /// `Thursday 26 November 2026 at 16:40`.
    static func full(_ date: Date, _ zone: TimeZone) -> String {
        format(date, zone, "EEEE d MMMM yyyy 'at' HH:mm")
    }

    /// `17:05`.
    static func clock(_ date: Date, _ zone: TimeZone) -> String {
        format(date, zone, "HH:mm")
    }

    /// The time only when `date` falls on the same day as `reference`, else the full date and time.
    static func relative(_ date: Date, to reference: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.isDate(date, inSameDayAs: reference) ? clock(date, zone) : full(date, zone)
    }

    private static func format(_ date: Date, _ zone: TimeZone, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
