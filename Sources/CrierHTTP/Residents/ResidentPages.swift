/// The residents' pages that say one thing: confirm an unsubscribe, done, not understood, link not
/// valid, not subscribed, and failed. None of them names the resident or repeats the token.
enum ResidentPages {
    /// The page a link in an email opens: one button that posts the RFC 8058 one-click body; it
    /// changes nothing by itself, because mail scanners open links.
    static func unsubscribeConfirm(language: String, wording: ResidentWording) -> HTMLPage {
        page(
            language: language, wording: wording, title: wording.unsubscribeTitle,
            main: [
                "<p>\(HTMLPage.text(wording.unsubscribeIntro))</p>",
                "<form method=\"post\">",
                "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">",
                "<button type=\"submit\">\(HTMLPage.text(wording.unsubscribeButton))</button>",
                "</form>",
            ])
    }

    /// After an unsubscribe: the same words whether or not the token was known.
    static func unsubscribed(language: String, wording: ResidentWording) -> HTMLPage {
        page(
            language: language, wording: wording, title: wording.unsubscribedTitle,
            main: ["<p class=\"notice\" role=\"status\">\(HTMLPage.text(wording.unsubscribedBody))</p>"])
    }

    static func badRequest(language: String, wording: ResidentWording) -> HTMLPage {
        page(
            language: language, wording: wording, title: wording.badRequestTitle,
            main: ["<p>\(HTMLPage.text(wording.badRequestBody))</p>"])
    }

    static func linkInvalid(language: String, wording: ResidentWording) -> HTMLPage {
        page(
            language: language, wording: wording, title: wording.linkInvalidTitle,
            main: ["<p>\(HTMLPage.text(wording.linkInvalidBody))</p>"])
    }

    static func notSubscribed(language: String, wording: ResidentWording) -> HTMLPage {
        page(
            language: language, wording: wording, title: wording.notSubscribedTitle,
            main: ["<p>\(HTMLPage.text(wording.notSubscribedBody))</p>"])
    }

    static func failure(language: String, wording: ResidentWording) -> HTMLPage {
        page(
            language: language, wording: wording, title: wording.failureTitle,
            main: ["<p>\(HTMLPage.text(wording.failureBody))</p>"])
    }

    /// A page with `title` as its heading, `main` after it, links to the page in the other
    /// languages, and the emergency numbers in the footer.
    static func page(language: String, wording: ResidentWording, title: String, main: [String]) -> HTMLPage {
        var content = ["<h1>\(HTMLPage.text(title))</h1>"]
        content += main
        content += languageLinks(current: language, wording: wording)
        return HTMLPage(
            language: language, title: title, main: content,
            footer: ["<p>\(HTMLPage.text(wording.emergency))</p>"])
    }

    /// Links to the same page in each other language (`?lang=`), each named in its own language.
    static func languageLinks(current: String, wording: ResidentWording) -> [String] {
        let others = ResidentWording.languages.filter { $0 != current }
        guard !others.isEmpty else { return [] }
        var out = [
            "<nav aria-labelledby=\"languages\">",
            "<h2 id=\"languages\">\(HTMLPage.text(wording.otherLanguages))</h2>", "<ul>",
        ]
        for code in others {
            let name = ResidentWording.for(code).wording.languageName
            out.append(
                "<li><a href=\"?lang=\(code)\" hreflang=\"\(code)\" lang=\"\(code)\">\(HTMLPage.text(name))</a></li>")
        }
        out += ["</ul>", "</nav>"]
        return out
    }
}
