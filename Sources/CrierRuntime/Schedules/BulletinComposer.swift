import CrierCore
import CrierStore
import CrierTemplates
import Foundation

/// Builds one area's bulletin: the advice that area received in the period, as `area-bulletin` items.
///
/// Returns nil when there is nothing new, so the scheduler records "skipped: nothing new" and sends nothing.
struct BulletinComposer: Sendable {
    /// The template every bulletin is composed with.
    static let templateID = "area-bulletin"

    /// Where the advice each area received is read from.
    let outbox: SQLiteOutbox
    let library: TemplateLibrary
    /// The installation's zone, in which bulletin dates are written.
    let timeZone: TimeZone

    /// The variables for `area`'s bulletin covering `period` seconds up to `end`, or nil with nothing new.
    func variables(area: String, period: TimeInterval, end: Date) throws -> [String: TemplateValue]? {
        let start = end.addingTimeInterval(-period)
        let messages = try outbox.advice(
            receivedBy: area, from: start, to: end, excludingTemplates: [Self.templateID])
        guard !messages.isEmpty else { return nil }
        let items: [[String: String]] = messages.map { message in
            [
                "headline": message.headline,
                "summary": library.metadata(for: message.template)?.description ?? "",
                "date": dayText(message.createdAt),
                "template": message.template,
            ]
        }
        return ["period": .text(periodText(period, end: end)), "items": .list(items)]
    }

    /// `the week to Monday 30 March 2026`, `the 14 days to ...`, `the 12 hours to ...`.
    func periodText(_ period: TimeInterval, end: Date) -> String {
        let days = Int((period / 86_400).rounded())
        let span: String
        if period >= 86_400 {
            span = days == 7 ? "the week" : days == 1 ? "the day" : "the \(days) days"
        } else {
            let hours = max(1, Int((period / 3_600).rounded()))
            span = hours == 1 ? "the hour" : "the \(hours) hours"
        }
        return "\(span) to \(dayText(end))"
    }

    /// `Tuesday 24 November 2026`, in the installation's zone.
    func dayText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEEE d MMMM yyyy"
        return formatter.string(from: date)
    }
}
