import CrierCore
import Foundation

extension AreaPage {
    /// The page as HTML5, every value escaped.
    ///
    /// Order: the header (with an EXERCISE banner when `hasExercise`), the links to other pages, then
    /// current advice, recently ended advice, the latest bulletin and how to check a message is genuine;
    /// the footer carries the emergency numbers and the links for machines (CAP files, the Atom feed).
    public func html() -> String {
        var out = [
            "<!DOCTYPE html>",
            "<html lang=\"\(Self.attribute(language))\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(Self.text(title)) – community safety advice</title>",
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"\(Self.attribute(title)) alerts\""
                + " href=\"\(Self.attribute(feedHref))\">",
            "<style>",
        ]
        out.append(contentsOf: Self.styleSheet)
        out.append(contentsOf: ["</style>", "</head>", "<body>"])
        out.append(contentsOf: header())
        out.append(contentsOf: navigation())
        out.append("<main>")
        out.append(contentsOf: currentSection())
        out.append(contentsOf: endedSection())
        out.append(contentsOf: bulletinSection())
        out.append(contentsOf: Self.genuineSection(publisher: publisher))
        out.append("</main>")
        out.append(contentsOf: footer())
        out.append(contentsOf: ["</body>", "</html>"])
        return out.joined(separator: "\n") + "\n"
    }

    /// The banner on each exercise item.
    static let exerciseNotice = "EXERCISE – this is a practice message, not a real alert. No action is needed."

    /// `value` trimmed and escaped for text.
    static func text(_ value: String) -> String {
        XMLText.escape(value.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `value` escaped for a double-quoted attribute.
    static func attribute(_ value: String) -> String { XMLText.escape(value, attribute: true) }

    private func header() -> [String] {
        var out = ["<header>", "<h1>\(Self.text(title))</h1>"]
        out.append("<p>Community safety advice from \(Self.text(publisher)).</p>")
        if hasExercise {
            let notice =
                current.allSatisfy(\.isExercise)
                ? "EXERCISE – the current advice on this page is practice only, not a real alert. No action is needed."
                : "EXERCISE – items marked EXERCISE are practice only: no action is needed for them."
                    + " The other advice is real."
            out.append("<p class=\"banner\" role=\"note\">\(Self.text(notice))</p>")
        }
        out.append("</header>")
        return out
    }

    private func navigation() -> [String] {
        guard !links.isEmpty else { return [] }
        var out = ["<nav aria-labelledby=\"pages\">", "<h2 id=\"pages\">Other pages</h2>", "<ul>"]
        for link in links {
            out.append("<li><a href=\"\(Self.attribute(link.href))\">\(Self.text(link.title))</a></li>")
        }
        out.append(contentsOf: ["</ul>", "</nav>"])
        return out
    }

    private func currentSection() -> [String] {
        var out = ["<section aria-labelledby=\"current\">", "<h2 id=\"current\">Current advice</h2>"]
        if current.isEmpty {
            out.append("<p>There is no current advice for this area.</p>")
        }
        for advice in current {
            out.append(contentsOf: Self.article(advice, timeZone: timeZone))
        }
        out.append("</section>")
        return out
    }

    private func endedSection() -> [String] {
        guard !ended.isEmpty else { return [] }
        var out = ["<section aria-labelledby=\"ended\">", "<h2 id=\"ended\">Recently withdrawn or ended</h2>"]
        for advice in ended {
            out.append(contentsOf: Self.endedArticle(advice, timeZone: timeZone))
        }
        out.append("</section>")
        return out
    }

    private func bulletinSection() -> [String] {
        var out = ["<section aria-labelledby=\"bulletin\">", "<h2 id=\"bulletin\">Latest bulletin</h2>"]
        if let bulletin = latestBulletin {
            out.append("<article>")
            out.append("<h3>\(Self.text(bulletin.headline))</h3>")
            out.append("<p class=\"meta\">Issued \(Self.text(PageTime.full(bulletin.issued, timeZone))).</p>")
            let blocks = Self.withoutRepeats(AdviceText.blocks(bulletin.body), headline: bulletin.headline)
            out.append(contentsOf: AdviceText.html(blocks, headingLevel: 4))
            out.append("</article>")
        } else {
            out.append("<p>No bulletin has been published for this area recently.</p>")
        }
        out.append("</section>")
        return out
    }

    private func footer() -> [String] {
        var out = ["<footer>", "<p>In an emergency call 999. If it is not an emergency, call 101.</p>"]
        out.append("<h2 id=\"machines\">For machines: CAP files</h2>")
        if !current.isEmpty {
            out.append("<ul>")
            for advice in current {
                out.append(
                    "<li><a href=\"\(Self.attribute(advice.capHref))\">\(Self.heading(advice)) (CAP XML)</a></li>")
            }
            out.append("</ul>")
        }
        out.append("<p><a href=\"\(Self.attribute(feedHref))\">Follow these alerts in a feed reader (Atom)</a></p>")
        out.append("</footer>")
        return out
    }
}
