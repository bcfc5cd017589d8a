import Foundation

/// The preferences form: area, topics and language, with an error beside each field that was
/// wrong, then a separate form to leave.
///
/// Every control has a label, errors are linked to their control with `aria-describedby`, and the
/// form posts back to the page's own address (the token is in it; the page never repeats it).
struct PreferencesPage {
    /// What the form shows: the resident's choices, or what they just submitted.
    struct Shown {
        var area: String
        var topics: [String]
        var language: String

        init(area: String, topics: [String], language: String) {
            self.area = area
            self.topics = topics
            self.language = language
        }

        init(_ settings: ResidentSettings) {
            self.init(area: settings.area, topics: settings.topics, language: settings.language)
        }
    }

    /// A field that can carry an error.
    enum Field: String, Sendable {
        case area, topics, language
    }

    let language: String
    let wording: ResidentWording
    let choices: ResidentChoices
    let shown: Shown
    var errors: [Field: String] = [:]
    var saved = false

    /// The page, errors and all.
    func html() -> HTMLPage {
        var main: [String] = []
        if saved {
            main.append("<p class=\"notice\" role=\"status\">\(HTMLPage.text(wording.saved))</p>")
        }
        if !errors.isEmpty {
            main.append("<p class=\"error\" role=\"alert\">\(HTMLPage.text(wording.errorSummary))</p>")
        }
        main.append("<p>\(HTMLPage.text(wording.preferencesIntro))</p>")
        main.append("<form method=\"post\">")
        main.append("<input type=\"hidden\" name=\"action\" value=\"save\">")
        main += areaField()
        main += topicsField()
        main += languageField()
        main.append("<button type=\"submit\">\(HTMLPage.text(wording.saveButton))</button>")
        main.append("</form>")
        main += [
            "<section aria-labelledby=\"leave\">",
            "<h2 id=\"leave\">\(HTMLPage.text(wording.leaveHeading))</h2>",
            "<p>\(HTMLPage.text(wording.leaveIntro))</p>",
            "<form method=\"post\">",
            "<input type=\"hidden\" name=\"action\" value=\"leave\">",
            "<button type=\"submit\" class=\"leave\">\(HTMLPage.text(wording.unsubscribeButton))</button>",
            "</form>",
            "</section>",
        ]
        return ResidentPages.page(language: language, wording: wording, title: wording.preferencesTitle, main: main)
    }

    private func areaField() -> [String] {
        var out = ["<div\(errorClass(.area))>", "<label for=\"area\">\(HTMLPage.text(wording.areaLabel))</label>"]
        out += errorLine(.area)
        out.append("<select id=\"area\" name=\"area\"\(describedBy(.area))>")
        for area in choices.areas {
            out.append(
                "<option value=\"\(HTMLPage.attribute(area.id))\"\(area.id == shown.area ? " selected" : "")>"
                    + "\(HTMLPage.text(area.name))</option>")
        }
        out += ["</select>", "</div>"]
        return out
    }

    private func topicsField() -> [String] {
        var out = [
            "<fieldset\(errorClass(.topics))\(describedBy(.topics))>",
            "<legend>\(HTMLPage.text(wording.topicsLegend))</legend>",
        ]
        out += errorLine(.topics)
        let all = shown.topics.isEmpty || shown.topics.contains("all")
        out.append(checkbox(value: "all", label: wording.allTopics, checked: all))
        for topic in choices.topics {
            let label = wording.topicNames[topic] ?? Self.topicName(topic)
            out.append(checkbox(value: topic, label: label, checked: !all && shown.topics.contains(topic)))
        }
        out.append("</fieldset>")
        return out
    }

    private func languageField() -> [String] {
        var out = [
            "<div\(errorClass(.language))>",
            "<label for=\"language\">\(HTMLPage.text(wording.languageLabel))</label>",
        ]
        out += errorLine(.language)
        out.append("<select id=\"language\" name=\"language\"\(describedBy(.language))>")
        for code in choices.languages {
            let name = ResidentWording.languages.contains(code) ? ResidentWording.for(code).wording.languageName : code
            out.append(
                "<option value=\"\(HTMLPage.attribute(code))\" lang=\"\(HTMLPage.attribute(code))\""
                    + "\(code == shown.language ? " selected" : "")>\(HTMLPage.text(name))</option>")
        }
        out += ["</select>", "</div>"]
        return out
    }

    /// One topic's checkbox, inside its label; its id is `topic-` and the topic id.
    private func checkbox(value: String, label: String, checked: Bool) -> String {
        let id = HTMLPage.attribute("topic-\(value)")
        return "<label for=\"\(id)\"><input type=\"checkbox\" id=\"\(id)\" name=\"topics\""
            + " value=\"\(HTMLPage.attribute(value))\"\(checked ? " checked" : "")> \(HTMLPage.text(label))</label>"
    }

    private func errorClass(_ field: Field) -> String {
        errors[field] == nil ? "" : " class=\"field-error\""
    }

    private func describedBy(_ field: Field) -> String {
        errors[field] == nil ? "" : " aria-describedby=\"\(field.rawValue)-error\""
    }

    /// The error paragraph of `field`; its text is already HTML.
    private func errorLine(_ field: Field) -> [String] {
        guard let message = errors[field] else { return [] }
        return ["<p class=\"error\" id=\"\(field.rawValue)-error\">\(message)</p>"]
    }

    /// A topic id as a label when the wording has no name for it: `road-works` becomes `Road works`.
    static func topicName(_ topic: String) -> String {
        let words = topic.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
