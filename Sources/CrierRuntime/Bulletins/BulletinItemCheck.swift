import CrierCore
import CrierStore
import Foundation

/// The rules a news item must meet before it is stored.
///
/// | field | rule |
/// |---|---|
/// | `area` | an area id of crier.yml (not `city`: each area's bulletin carries its own items) |
/// | `title` | 1 to 200 characters, no line breaks, controls or bidirectional overrides |
/// | `body` | 1 to 4,000 characters; line breaks allowed, other controls and overrides not |
/// | `link` | optional, an `http` or `https` URL with a host, at most 2,000 characters |
/// | `expires` | optional, in the future: RFC 3339 time, or a date meaning the end of that day |
///
/// Pages and emails escape the text when they render it; these rules keep it from forging lines
/// in a text part or a terminal.
enum BulletinItemCheck {
    static let titleLimit = 200
    static let bodyLimit = 4_000
    static let linkLimit = 2_000

    /// The item to store for `draft`, added by `actor` at `now`; throws naming the first bad field.
    static func check(
        _ draft: BulletinItemDraft, configuration: CrierConfiguration, actor: String, now: Date
    ) throws(BulletinItemError) -> NewBulletinItem {
        let area = draft.area.trimmingCharacters(in: .whitespaces)
        guard configuration.area(area) != nil, area != Area.cityID else {
            throw BulletinItemError(
                field: "area",
                reason:
                    "unknown area \"\(InputText.terminalSafe(area))\" (known: \(configuration.areas.map(\.id).joined(separator: ", ")))"
            )
        }
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        try checkText(title, field: "title", limit: titleLimit, allowLineBreaks: false)
        let body = draft.body.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(
            in: .whitespacesAndNewlines)
        try checkText(body, field: "body", limit: bodyLimit, allowLineBreaks: true)
        var link: String?
        if let given = draft.link?.trimmingCharacters(in: .whitespaces), !given.isEmpty {
            guard given.count <= linkLimit else {
                throw BulletinItemError(field: "link", reason: "longer than \(linkLimit) characters")
            }
            do {
                _ = try StrictURL.parse(given, schemes: ["http", "https"])
            } catch {
                throw BulletinItemError(field: "link", reason: "\(error.reason)")
            }
            link = given
        }
        var expiresAt: Date?
        if let text = draft.expires?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let date = expiry(text, timeZone: configuration.timeZone) else {
                throw BulletinItemError(
                    field: "expires",
                    reason:
                        "\"\(InputText.terminalSafe(text))\" is neither an RFC 3339 time (2026-12-01T18:00:00Z) nor a date (2026-12-01)"
                )
            }
            guard date > now else { throw BulletinItemError(field: "expires", reason: "is in the past") }
            expiresAt = date
        }
        return NewBulletinItem(area: area, title: title, body: body, link: link, expiresAt: expiresAt, addedBy: actor)
    }

    private static func checkText(_ text: String, field: String, limit: Int, allowLineBreaks: Bool)
        throws(BulletinItemError)
    {
        guard !text.isEmpty else { throw BulletinItemError(field: field, reason: "is empty") }
        guard text.count <= limit else {
            throw BulletinItemError(field: field, reason: "longer than \(limit) characters")
        }
        for line in allowLineBreaks ? text.split(separator: "\n").map(String.init) : [text] {
            if let problem = InputText.problem(in: line) {
                throw BulletinItemError(field: field, reason: "\(problem)")
            }
        }
    }

    /// `text` as an instant: an RFC 3339 time, or a `YYYY-MM-DD` date ending at the next midnight in `timeZone`.
    static func expiry(_ text: String, timeZone: TimeZone) -> Date? {
        let internet = ISO8601DateFormatter()
        internet.formatOptions = [.withInternetDateTime]
        if let date = internet.date(from: text) { return date }
        internet.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = internet.date(from: text) { return date }
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = timeZone
        day.dateFormat = "yyyy-MM-dd"
        day.isLenient = false
        guard text.count == 10, let start = day.date(from: text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: start))
    }
}
