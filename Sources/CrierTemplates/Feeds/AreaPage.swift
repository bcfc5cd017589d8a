public import Foundation

/// A plain, accessible HTML page for one area (or the whole city): current advice, recently ended
/// advice and the latest bulletin.
///
/// No scripts, a `lang` attribute, real headings and lists, large text with generous spacing, links
/// that say where they go, and nothing wider than a small phone; it reads well in a screen reader.
public struct AreaPage: Sendable, Hashable {
    public var title: String
    public var publisher: String
    /// The page's `lang` (`en-GB`).
    public var language: String
    public var timeZone: TimeZone
    /// Advice in force: never cancelled, not expired.
    public var current: [Advice]
    /// Advice recently cancelled or expired, shown apart so nobody acts on it by mistake.
    public var ended: [Advice]
    public var latestBulletin: Bulletin?
    /// The Atom feed of the same alerts, relative to the page.
    public var feedHref: String
    /// Other pages to offer (areas, from the index).
    public var links: [Link]

    /// Creates a page.
    public init(
        title: String, publisher: String, language: String = "en-GB", timeZone: TimeZone, current: [Advice],
        ended: [Advice] = [], latestBulletin: Bulletin?, feedHref: String, links: [Link] = []
    ) {
        self.title = title
        self.publisher = publisher
        self.language = language
        self.timeZone = timeZone
        self.current = current
        self.ended = ended
        self.latestBulletin = latestBulletin
        self.feedHref = feedHref
        self.links = links
    }

    /// True when some current advice is an exercise: the page then opens with an EXERCISE banner.
    public var hasExercise: Bool { current.contains { $0.isExercise } }
}
