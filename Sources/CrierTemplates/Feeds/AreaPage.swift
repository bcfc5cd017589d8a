public import Foundation

/// A plain, accessible HTML page for one area (or the whole city): current advice and the latest bulletin.
///
/// No scripts, a `lang` attribute, real headings, large text with generous spacing, and links
/// that say where they go; it reads well in a screen reader and on a small phone.
public struct AreaPage: Sendable, Hashable {
    /// One piece of current advice: an alert not cancelled and not expired.
    public struct Advice: Sendable, Hashable {
        public var headline: String
        public var issued: Date
        /// True when this is an update of an earlier alert.
        public var isUpdate: Bool
        public var summary: String
        /// What to do.
        public var instruction: String
        public var expires: Date?
        /// Link to the CAP XML, relative to the page.
        public var capHref: String

        /// Creates an item of advice.
        public init(
            headline: String, issued: Date, isUpdate: Bool = false, summary: String, instruction: String,
            expires: Date? = nil, capHref: String
        ) {
            self.headline = headline
            self.issued = issued
            self.isUpdate = isUpdate
            self.summary = summary
            self.instruction = instruction
            self.expires = expires
            self.capHref = capHref
        }
    }

    /// The newest scheduled bulletin, shown in full.
    public struct Bulletin: Sendable, Hashable {
        public var headline: String
        public var issued: Date
        public var body: String

        /// Creates a bulletin.
        public init(headline: String, issued: Date, body: String) {
            self.headline = headline
            self.issued = issued
            self.body = body
        }
    }

    /// A link to another page (the index lists the area pages this way).
    public struct Link: Sendable, Hashable {
        public var title: String
        public var href: String

        /// Creates a link.
        public init(title: String, href: String) {
            self.title = title
            self.href = href
        }
    }

    public var title: String
    public var publisher: String
    /// The page's `lang` (`en-GB`).
    public var language: String
    public var timeZone: TimeZone
    public var current: [Advice]
    public var latestBulletin: Bulletin?
    /// The Atom feed of the same alerts, relative to the page.
    public var feedHref: String
    /// Other pages to offer (areas, from the index).
    public var links: [Link]

    /// Creates a page.
    public init(
        title: String, publisher: String, language: String = "en-GB", timeZone: TimeZone, current: [Advice],
        latestBulletin: Bulletin?, feedHref: String, links: [Link] = []
    ) {
        self.title = title
        self.publisher = publisher
        self.language = language
        self.timeZone = timeZone
        self.current = current
        self.latestBulletin = latestBulletin
        self.feedHref = feedHref
        self.links = links
    }

    /// The page as HTML5, every value escaped.
    public func html() -> String {
        func esc(_ value: String) -> String { XMLText.escape(value.trimmingCharacters(in: .whitespacesAndNewlines)) }
        func attr(_ value: String) -> String { XMLText.escape(value, attribute: true) }
        var out = [
            "<!DOCTYPE html>",
            "<html lang=\"\(attr(language))\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(esc(title)) – community safety advice</title>",
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"\(attr(title)) alerts\" href=\"\(attr(feedHref))\">",
            "<style>",
            "body { font-family: system-ui, sans-serif; font-size: 1.25rem; line-height: 1.6; max-width: 40em;"
                + " margin: 0 auto; padding: 1rem; color: #111; background: #fff; }",
            "h1, h2, h3 { line-height: 1.25; } article { border-top: 2px solid #444; margin-top: 1.5rem; }",
            "a { color: #0b3d91; } .meta { color: #333; }",
            "</style>",
            "</head>",
            "<body>",
            "<header>",
            "<h1>\(esc(title))</h1>",
            "<p>Community safety advice from \(esc(publisher)).</p>",
            "</header>",
            "<main>",
            "<section aria-labelledby=\"current\">",
            "<h2 id=\"current\">Current advice</h2>",
        ]
        if current.isEmpty {
            out.append("<p>There is no current advice for this area.</p>")
        }
        for advice in current {
            out.append("<article>")
            out.append("<h3>\(advice.isUpdate ? "Update: " : "")\(esc(advice.headline))</h3>")
            var meta = "Issued \(esc(Self.humanTime(advice.issued, timeZone)))"
            if let expires = advice.expires { meta += ". Valid until \(esc(Self.humanTime(expires, timeZone)))" }
            out.append("<p class=\"meta\">\(meta).</p>")
            out.append(contentsOf: Self.paragraphs(advice.summary))
            if !advice.instruction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                out.append("<h4>What to do</h4>")
                out.append(contentsOf: Self.paragraphs(advice.instruction))
            }
            out.append("<p><a href=\"\(attr(advice.capHref))\">This alert as a CAP file</a></p>")
            out.append("</article>")
        }
        out.append("</section>")
        out.append("<section aria-labelledby=\"bulletin\">")
        out.append("<h2 id=\"bulletin\">Latest bulletin</h2>")
        if let bulletin = latestBulletin {
            out.append("<article>")
            out.append("<h3>\(esc(bulletin.headline))</h3>")
            out.append("<p class=\"meta\">Issued \(esc(Self.humanTime(bulletin.issued, timeZone))).</p>")
            out.append(contentsOf: Self.paragraphs(bulletin.body))
            out.append("</article>")
        } else {
            out.append("<p>No bulletin has been published for this area recently.</p>")
        }
        out.append("</section>")
        if !links.isEmpty {
            out.append("<nav aria-labelledby=\"more\">")
            out.append("<h2 id=\"more\">More pages</h2>")
            out.append("<ul>")
            for link in links {
                out.append("<li><a href=\"\(attr(link.href))\">\(esc(link.title))</a></li>")
            }
            out.append("</ul>")
            out.append("</nav>")
        }
        out.append("</main>")
        out.append("<footer>")
        out.append("<p><a href=\"\(attr(feedHref))\">Follow these alerts in a feed reader (Atom)</a></p>")
        out.append("<p>In an emergency call 999. If it is not an emergency, call 101.</p>")
        out.append("</footer>")
        out.append("</body>")
        out.append("</html>")
        return out.joined(separator: "\n") + "\n"
    }

    /// Blank-line-separated paragraphs, line breaks kept.
    static func paragraphs(_ text: String) -> [String] {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        var result: [String] = []
        for block in normalised.components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n").map { XMLText.escape($0.trimmingCharacters(in: .whitespaces)) }
                .filter { !$0.isEmpty }
            if !lines.isEmpty { result.append("<p>" + lines.joined(separator: "<br>\n") + "</p>") }
        }
        return result
    }

    /// `Thursday 26 November 2026 at 16:40` in the page's zone.
    static func humanTime(_ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = zone
        formatter.dateFormat = "EEEE d MMMM yyyy 'at' HH:mm"
        return formatter.string(from: date)
    }
}
