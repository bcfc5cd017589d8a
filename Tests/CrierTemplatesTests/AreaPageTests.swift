import CrierCore
import CrierTemplates
import Foundation
import Testing

@Suite("Area pages")
struct AreaPageTests {
    static let hostile = "Fish & chips <b>\"quoted\"</b> it's 🚨\u{7}\u{1}"

    /// A page with `current` (and `ended`) advice and nothing else.
    static func page(_ current: [AreaPage.Advice], ended: [AreaPage.Advice] = []) -> String {
        AreaPage(
            title: "East NPA", publisher: "Safer Leicester Partnership", timeZone: CAPSamples.london,
            current: current, ended: ended, latestBulletin: nil, feedHref: "../feeds/east.atom",
            links: [AreaPage.Link(title: "All areas", href: "../index.html")]
        ).html()
    }

    /// One item of advice with `summary` and `instruction`.
    static func advice(summary: String, instruction: String = "") -> AreaPage.Advice {
        AreaPage.Advice(
            headline: "Headline", issued: CAPSamples.winter, summary: summary, instruction: instruction,
            capHref: "../cap/msg_1.xml")
    }

    /// How often `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The part of `html` between the first `start` and the first `end` after it.
    static func slice(_ html: String, from start: String, to end: String) -> Substring {
        guard let lower = html.range(of: start),
            let upper = html.range(of: end, range: lower.upperBound..<html.endIndex)
        else { return "" }
        return html[lower.lowerBound..<upper.upperBound]
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
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(page.contains("<h1>East NPA</h1>"))
        #expect(Self.count("<h1", in: page) == 1)
        #expect(page.contains("<h3>Update: Fish &amp; chips &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; it&#39;s 🚨</h3>"))
        #expect(page.contains("<h4>One</h4>\n<p>Two &lt;i&gt;</p>"))
        #expect(page.contains("Hang up &amp; call 101"))
        #expect(page.contains("Issued Thursday 26 November 2026 at 16:40"))
        #expect(page.contains("<h2 id=\"bulletin\">Latest bulletin</h2>"))
        #expect(page.contains("overflow-wrap: anywhere"))
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
        #expect(!page.contains("Recently withdrawn or ended"))
        #expect(!page.contains("class=\"banner\""))
    }

    static let structure: [(summary: String, html: String)] = [
        ("Remember\n\n- One\n- Two & three", "<h4>Remember</h4>\n<ul>\n<li>One</li>\n<li>Two &amp; three</li>\n</ul>"),
        ("How to report:\n\n- Call 101.", "<h4>How to report</h4>\n<ul>\n<li>Call 101.</li>\n</ul>"),
        ("Stay inside.\n\nClose windows.", "<p>Stay inside.</p>\n<p>Close windows.</p>"),
        ("Line one\nline two", "<p>Line one<br>\nline two</p>"),
        ("Watch out for:\n- vans\n- ladders", "<p>Watch out for:</p>\n<ul>\n<li>vans</li>\n<li>ladders</li>\n</ul>"),
        ("- One\n\n- Two", "<ul>\n<li>One</li>\n<li>Two</li>\n</ul>"),
        ("Remember\r\n\r\n- One\r\n", "<h4>Remember</h4>\n<ul>\n<li>One</li>\n</ul>"),
        ("A last short line", "<p>A last short line</p>"),
        ("One.\n\nTwo.\n\nArea: East NPA\n\nThree.", "<p>Two.</p>\n<p>Area: East NPA</p>\n<p>Three.</p>"),
    ]

    @Test("advice text becomes headings, lists and paragraphs", arguments: structure)
    func adviceStructure(summary: String, html: String) {
        let page = Self.page([Self.advice(summary: summary)])
        #expect(page.contains(html), "\(page)")
        #expect(!page.contains("<p>- "))
        #expect(!page.contains("<br>\n- "))
    }

    @Test("headings never skip a level")
    func headingLevels() {
        let page = AreaPageSamples.realistic.html()
        let levels = page.matches(of: /<h([1-6])[ >]/).compactMap { Int($0.output.1) }
        #expect(levels.first == 1)
        for (previous, next) in zip(levels, levels.dropFirst()) {
            #expect(next <= previous + 1, "h\(previous) is followed by h\(next)")
        }
    }

    static let whatToDo: [(name: String, advice: AreaPage.Advice, headings: Int)] = [
        ("the advice has the heading and the instruction", AreaPageSamples.exercise, 1),
        ("the advice has the heading, the instruction is generic", AreaPageSamples.phishing, 1),
        (
            "the advice has the instruction without the heading",
            advice(summary: "Calls reported.\n\nHang up.  Call\n101.", instruction: "Hang up. Call 101."), 0
        ),
        ("the advice has neither: the page adds them", advice(summary: "Calls.", instruction: "Hang up. Call 101."), 1),
        (
            "the advice has a 'What to do:' line before its list",
            advice(summary: "Calls.\n\nWhat to do:\n- Hang up.", instruction: "Report it."), 1
        ),
        ("there is no instruction", advice(summary: "Calls reported.", instruction: " "), 0),
    ]

    @Test("what to do is said once", arguments: whatToDo)
    func whatToDoOnce(name: String, advice: AreaPage.Advice, headings: Int) {
        let page = Self.page([advice])
        #expect(Self.count("What to do", in: page) == headings, "\(name)")
        let instruction = XMLText.escape(advice.instruction.trimmingCharacters(in: .whitespaces))
        #expect(instruction.isEmpty || Self.count(instruction, in: page) <= 1, "\(name)")
    }

    @Test("the courier alert's generic instruction gets its own what to do")
    func instructionAdded() {
        let page = Self.page([AreaPageSamples.courierUpdate])
        #expect(page.contains("<h4>Remember</h4>"))
        #expect(page.contains("<h4>What to do</h4>\n<p>Do not respond or engage."))
    }

    @Test("the title line and the area and sent lines are not shown again")
    func repeatsDropped() {
        let page = Self.page([AreaPageSamples.phishing])
        #expect(page.contains("<h3>Scam warning: fake messages from HMRC</h3>"))
        #expect(!page.contains("<h4>Fake messages from HMRC</h4>"))
        #expect(!page.contains("<p>Fake messages from HMRC</p>"))
        #expect(!page.contains("Area: East NPA"))
        #expect(!page.contains("Sent: "))
        #expect(page.contains("<h3>Scam warning: fake messages from HMRC</h3>\n<p class=\"meta\">Issued"))
        #expect(page.contains("Valid until Thursday 3 December 2026 at 16:40.</p>\n<p>Scammers are sending"))
        let kept = Self.page([Self.advice(summary: "Tips\n\nArea: East NPA\nSent: today\n\n- Plan ahead.")])
        #expect(kept.contains("<h4>Tips</h4>\n<ul>\n<li>Plan ahead.</li>"))
    }

    @Test("the links to other pages come first, after the header")
    func navigationFirst() throws {
        let page = AreaPageSamples.realistic.html()
        let heading = try #require(page.range(of: "<h1>"))
        let nav = try #require(page.range(of: "<nav"))
        let main = try #require(page.range(of: "<main>"))
        #expect(heading.lowerBound < nav.lowerBound)
        #expect(nav.lowerBound < main.lowerBound)
        #expect(Self.slice(page, from: "<nav", to: "</nav>").contains("<a href=\"central.html\">Central NPA</a>"))
        #expect(Self.count("<nav", in: page) == 1)
    }

    @Test("each item says when it was issued, until when it holds, and when it was updated")
    func times() {
        let page = AreaPageSamples.realistic.html()
        #expect(
            page.contains("Issued Thursday 26 November 2026 at 16:40. Valid until Thursday 3 December 2026 at 16:40."))
        #expect(page.contains("<p class=\"updated\">Updated 17:05</p>"))
        let nextDay = AreaPage.Advice(
            headline: "H", issued: AreaPageSamples.issued, updated: AreaPageSamples.at(minutes: 60 * 16 + 30),
            summary: "S.", instruction: "", capHref: "x.xml")
        #expect(Self.page([nextDay]).contains("Updated Friday 27 November 2026 at 09:10"))
        #expect(Self.page([nextDay]).contains("Valid until further notice."))
        let summer = AreaPage.Advice(
            headline: "H", issued: CAPSamples.summer, summary: "S.", instruction: "", capHref: "x.xml")
        #expect(Self.page([summer]).contains("Issued Wednesday 1 July 2026 at 13:00."))
    }

    @Test("the update line sits with the headline, before the advice")
    func updateNearHeadline() {
        let article = Self.slice(Self.page([AreaPageSamples.courierUpdate]), from: "<article>", to: "</article>")
        #expect(article.contains("<h3>Update: Callers pretending to be police officers</h3>\n<p class=\"updated\">"))
    }

    @Test("withdrawn and ended items have their own section, after current advice")
    func ended() throws {
        let page = AreaPageSamples.realistic.html()
        let section = Self.slice(page, from: "<section aria-labelledby=\"ended\">", to: "</section>")
        #expect(section.contains("<h2 id=\"ended\">Recently withdrawn or ended</h2>"))
        #expect(section.contains("Cancelled Thursday 26 November 2026 at 17:20: sent by mistake."))
        #expect(section.contains("Ended Thursday 26 November 2026 at 14:40."))
        #expect(!section.contains("Uppingham Road is closed."), "a withdrawn item's advice is not repeated")
        let current = try #require(page.range(of: "id=\"current\""))
        let ended = try #require(page.range(of: "id=\"ended\""))
        let bulletin = try #require(page.range(of: "id=\"bulletin\""))
        #expect(current.lowerBound < ended.lowerBound && ended.lowerBound < bulletin.lowerBound)
        let noReason = AreaPage.Advice(
            headline: "H", issued: AreaPageSamples.issued, summary: "S.", instruction: "",
            cancellation: AreaPage.Cancellation(at: AreaPageSamples.at(minutes: 40), reason: " "), capHref: "x.xml")
        #expect(Self.page([], ended: [noReason]).contains("Cancelled Thursday 26 November 2026 at 17:20.</p>"))
    }

    @Test("an exercise is marked on its heading, with a banner, and at the top of the page")
    func exercise() throws {
        let page = AreaPageSamples.realistic.html()
        #expect(AreaPageSamples.realistic.hasExercise)
        #expect(page.contains("<h3>EXERCISE: Urgent: Fake police officers calling residents in Evington</h3>"))
        let article = Self.slice(page, from: "<h3>EXERCISE: ", to: "</article>")
        #expect(
            article.contains(
                "<p class=\"banner\" role=\"note\">EXERCISE – this is a practice message, not a real alert."
                    + " No action is needed.</p>"))
        let header = Self.slice(page, from: "<header>", to: "</header>")
        #expect(header.contains("<p class=\"banner\" role=\"note\">EXERCISE – items marked EXERCISE are practice only"))
        #expect(page.contains(".banner { color: #0b0c0c; background: #ffdd00;"))

        let onlyExercise = Self.page([AreaPageSamples.exercise])
        #expect(onlyExercise.contains("EXERCISE – the current advice on this page is practice only"))
        let real = Self.page([AreaPageSamples.phishing])
        #expect(!real.contains("EXERCISE"))
        #expect(!real.contains("class=\"banner\""))
    }

    @Test("CAP links are in the footer, for machines, not in the articles")
    func capLinksInFooter() {
        let page = AreaPageSamples.realistic.html()
        let main = Self.slice(page, from: "<main>", to: "</main>")
        let footer = Self.slice(page, from: "<footer>", to: "</footer>")
        #expect(!main.contains("CAP"))
        #expect(footer.contains("<h2 id=\"machines\">For machines: CAP files</h2>"))
        for advice in AreaPageSamples.realistic.current {
            #expect(!main.contains(advice.capHref))
            #expect(footer.contains("<a href=\"\(advice.capHref)\">"))
        }
        #expect(footer.contains("<a href=\"../feeds/east.atom\">Follow these alerts in a feed reader (Atom)</a>"))
    }

    @Test("the page says how to check a message is genuine")
    func genuine() {
        let page = Self.page([])
        let section = Self.slice(page, from: "<section aria-labelledby=\"genuine\">", to: "</section>")
        #expect(section.contains("<h2 id=\"genuine\">Is this message genuine?</h2>"))
        #expect(section.contains("bank details, passwords"))
        #expect(section.contains("999, 101"))
        #expect(section.contains("call 101 to check"))
        #expect(section.contains("the official page of Safer Leicester Partnership"))
    }

    @Test("every value is escaped, wherever it appears")
    func escaping() {
        let script = "<script>alert('x')</script>"
        let advice = AreaPage.Advice(
            headline: script, issued: CAPSamples.winter, updated: CAPSamples.winter, isExercise: true,
            summary: "\(script)\n\n- \(script)", instruction: script, capHref: "\"><script>x</script>")
        let cancelled = AreaPage.Advice(
            headline: script, issued: CAPSamples.winter, summary: script, instruction: "",
            cancellation: AreaPage.Cancellation(at: CAPSamples.winter, reason: script), capHref: "a.xml")
        let page = AreaPage(
            title: script, publisher: script, language: "en\"><script>", timeZone: CAPSamples.london,
            current: [advice], ended: [cancelled],
            latestBulletin: AreaPage.Bulletin(headline: script, issued: CAPSamples.winter, body: script),
            feedHref: "\"><script>", links: [AreaPage.Link(title: script, href: "\"><script>")]
        ).html()
        #expect(!page.lowercased().contains("<script"))
        #expect(page.contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h1>"))
        #expect(page.contains("<li>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</li>"))
        #expect(page.contains("sent by mistake") == false)
        #expect(page.contains(": &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(Self.count("<h1", in: page) == 1)
    }
}
