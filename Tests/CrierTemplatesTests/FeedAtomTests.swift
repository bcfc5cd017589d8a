import CrierCore
import CrierTemplates
import Foundation
import Testing

@Suite("Atom feeds and area pages")
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

    @Test("an area page is plain accessible HTML with every value escaped")
    func areaPage() {
        let page = AreaPage(
            title: "East NPA", publisher: "Safer Leicester Partnership", timeZone: CAPSamples.london,
            current: [
                AreaPage.Advice(
                    headline: Self.hostile, issued: CAPSamples.winter, isUpdate: true, summary: "One\n\nTwo <i>",
                    instruction: "Hang up & call 101", expires: CAPSamples.winter.addingTimeInterval(3600),
                    capHref: "../cap/msg_1.xml")
            ],
            latestBulletin: AreaPage.Bulletin(
                headline: "Weekly bulletin", issued: CAPSamples.summer, body: "Stay safe"),
            feedHref: "../feeds/east.atom", links: [AreaPage.Link(title: "All areas", href: "../index.html")]
        ).html()
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        #expect(page.contains("<h1>East NPA</h1>"))
        #expect(page.contains("<h3>Update: Fish &amp; chips &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; it&apos;s 🚨</h3>"))
        #expect(page.contains("<p>One</p>\n<p>Two &lt;i&gt;</p>"))
        #expect(page.contains("Hang up &amp; call 101"))
        #expect(page.contains("Issued Thursday 26 November 2026 at 16:40"))
        #expect(page.contains("<h2 id=\"bulletin\">Latest bulletin</h2>"))
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test("an area with nothing current says so")
    func emptyPage() {
        let page = AreaPage(
            title: "West NPA", publisher: "P", timeZone: CAPSamples.london, current: [], latestBulletin: nil,
            feedHref: "../feeds/west.atom"
        ).html()
        #expect(page.contains("There is no current advice for this area."))
        #expect(page.contains("No bulletin has been published for this area recently."))
    }
}
