import CrierCore
public import Foundation

/// An RFC 4287 Atom feed indexing CAP messages, as public-alert aggregators read them.
public struct AtomFeed: Sendable, Hashable {
    /// One CAP message in the feed.
    public struct Entry: Sendable, Hashable {
        /// An IRI that contains the CAP identifier (e.g. `tag:alerts@example.org,2026:cap/msg_abc`).
        public var id: String
        public var title: String
        public var updated: Date
        public var published: Date
        public var summary: String
        /// Where the CAP XML is, relative to the feed or absolute.
        public var capHref: String
        /// The CAP category (`Security`), written as an Atom category; empty leaves it out.
        public var category: String

        /// Creates an entry.
        public init(
            id: String, title: String, updated: Date, published: Date, summary: String, capHref: String,
            category: String = ""
        ) {
            self.id = id
            self.title = title
            self.updated = updated
            self.published = published
            self.summary = summary
            self.capHref = capHref
            self.category = category
        }
    }

    public var id: String
    public var title: String
    public var updated: Date
    /// The feed's own address (`rel="self"`).
    public var selfHref: String
    /// A human page with the same content (`rel="alternate"`), if any.
    public var alternateHref: String?
    public var authorName: String
    public var authorEmail: String?
    /// `xml:lang` of the feed's text.
    public var language: String
    /// The zone whose offset is written into every time.
    public var timeZone: TimeZone
    public var entries: [Entry]

    /// Creates a feed.
    public init(
        id: String, title: String, updated: Date, selfHref: String, alternateHref: String? = nil,
        authorName: String, authorEmail: String? = nil, language: String = "en-GB", timeZone: TimeZone,
        entries: [Entry]
    ) {
        self.id = id
        self.title = title
        self.updated = updated
        self.selfHref = selfHref
        self.alternateHref = alternateHref
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.language = language
        self.timeZone = timeZone
        self.entries = entries
    }

    /// The feed as XML 1.0 in UTF-8, every value escaped, times with numeric offsets.
    public func xml() -> String {
        func text(_ value: String) -> String {
            XMLText.escape(value.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        func attr(_ value: String) -> String { XMLText.escape(value, attribute: true) }
        func time(_ date: Date) -> String { CAPTime.string(date, in: timeZone) }
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(attr(language))\">",
            "  <id>\(text(id))</id>",
            "  <title type=\"text\">\(text(title))</title>",
            "  <updated>\(time(updated))</updated>",
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(attr(selfHref))\"/>",
        ]
        if let alternateHref {
            lines.append("  <link rel=\"alternate\" type=\"text/html\" href=\"\(attr(alternateHref))\"/>")
        }
        lines.append("  <author>")
        lines.append("    <name>\(text(authorName))</name>")
        if let authorEmail, !authorEmail.isEmpty { lines.append("    <email>\(text(authorEmail))</email>") }
        lines.append("  </author>")
        lines.append("  <generator>Crier</generator>")
        for entry in entries {
            lines.append("  <entry>")
            lines.append("    <id>\(text(entry.id))</id>")
            lines.append("    <title type=\"text\">\(text(entry.title))</title>")
            lines.append("    <updated>\(time(entry.updated))</updated>")
            lines.append("    <published>\(time(entry.published))</published>")
            lines.append("    <summary type=\"text\">\(text(entry.summary))</summary>")
            if !entry.category.isEmpty { lines.append("    <category term=\"\(attr(entry.category))\"/>") }
            lines.append(
                "    <link rel=\"alternate\" type=\"application/cap+xml\" href=\"\(attr(entry.capHref))\"/>")
            lines.append("  </entry>")
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }
}
