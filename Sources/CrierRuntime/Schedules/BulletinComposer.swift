import CrierCore
import CrierStore
import CrierTemplates
import Foundation

/// Builds one area's bulletin: the advice that area received in the period, as `area-bulletin` items,
/// and the news items waiting for it (`news`), which the bulletin's slot record marks as carried.
///
/// Returns nil when there is nothing new, so the scheduler records "skipped: nothing new" and sends nothing.
struct BulletinComposer: Sendable {
    /// One bulletin's variables and the news items it carries.
    struct Content: Sendable {
        let variables: [String: TemplateValue]
        /// The ids of the news items it carries, to mark as carried with its slot.
        let newsItems: [Int64]
    }

    /// The template every bulletin is composed with.
    static let templateID = "area-bulletin"

    /// Where the advice each area received is read from.
    let outbox: SQLiteOutbox
    let library: TemplateLibrary
    /// The installation's zone, in which bulletin dates are written.
    let timeZone: TimeZone

    /// The variables for `area`'s bulletin covering `period` seconds up to `end`, with the news items
    /// not carried yet and not expired at `end`; nil with nothing new.
    func content(area: String, period: TimeInterval, end: Date) throws -> Content? {
        let start = end.addingTimeInterval(-period)
        let messages = try outbox.advice(
            receivedBy: area, from: start, to: end, excludingTemplates: [Self.templateID])
        let news = try outbox.waitingBulletinItems(area: area, at: end)
        guard !messages.isEmpty || !news.isEmpty else { return nil }
        let items: [[String: String]] = messages.map { message in
            [
                "headline": message.headline,
                "summary": library.metadata(for: message.template)?.description ?? "",
                "date": dayText(message.createdAt),
                "template": message.template,
            ]
        }
        let newsItems: [[String: String]] = news.map { item in
            var fields = ["title": item.title, "body": item.body]
            // Left out when absent, so `{{#link}}` is false.
            if let link = item.link { fields["link"] = link }
            return fields
        }
        return Content(
            variables: [
                "period": .text(periodText(period, end: end)), "items": .list(items), "news": .list(newsItems),
            ],
            newsItems: news.map(\.id))
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
