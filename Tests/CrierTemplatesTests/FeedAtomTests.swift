import CrierCore
import CrierTemplates
import Foundation
import Testing

@Suite("Atom feeds")
struct FeedAtomTests {
    static let hostile = "Fish & chips <b>\"quoted\"</b> it's 🚨\u{7}\u{1}"

    static func feed(entries: Int) -> AtomFeed {
        AtomFeed(
            id: "tag:alerts@example.org,2026:feeds/east", title: "East NPA: \(hostile)", updated: CAPSamples.winter,
            selfHref: "east.atom", alternateHref: "../areas/east.html", authorName: "Safer Leicester Partnership",
            authorEmail: "alerts@example.org", timeZone: CAPSamples.london,
            entries: (0..<entries).map { index in
                AtomFeed.Entry(
                    id: "tag:alerts@example.org,2026:cap/msg_\(index)", title: "Alert \(index) \(hostile)",
                    updated: CAPSamples.winter, published: CAPSamples.summer, summary: "Summary \(hostile)\nline two",
                    capHref: "../cap/msg_\(index).xml", category: "Security")
            })
    }

    @Test("a feed parses with feedparser without bozo errors", arguments: [0, 1, 3])
    func parses(entries: Int) throws {
        let summary = try ExternalCheck.feedparser(Self.feed(entries: entries).xml())
        #expect(summary.bozo == 0, "\(summary.reason)")
        #expect(summary.version == "atom10")
        #expect(summary.entries == entries)
        #expect(summary.title == "East NPA: Fish & chips <b>\"quoted\"</b> it's 🚨")
        if entries > 0 {
            #expect(summary.ids.first == "tag:alerts@example.org,2026:cap/msg_0")
            #expect(summary.firstTitle == "Alert 0 Fish & chips <b>\"quoted\"</b> it's 🚨")
            #expect(summary.firstLinks.contains(["alternate", "application/cap+xml", "../cap/msg_0.xml"]))
            #expect(summary.firstUpdated == "2026-11-26T16:40:00+00:00")
            #expect(summary.firstPublished == "2026-07-01T13:00:00+01:00")
        }
    }
}
