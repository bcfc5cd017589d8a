/// The sign-up pages' content, laid out by the residents' shared page shell (`ResidentPages.page`:
/// `lang`, labels, a 390 px column, no script, the emergency numbers in the footer).
enum SignupPage {
    /// A page titled `title` with `main` in the wording's language.
    static func page(title: String, main: [String], wording: SignupWording) -> HTMLPage {
        ResidentPages.page(
            language: wording.locale, wording: ResidentWording.for(wording.locale).wording, title: title, main: main)
    }

    /// The sign-up form, filled with `given` and with each problem beside its field when shown again.
    static func form(
        _ content: SignupFormContent, wording: SignupWording, given: SignupSubmission? = nil,
        problems: [SignupFieldProblem] = []
    ) -> [String] {
        let resident = ResidentWording.for(wording.locale).wording
        var errors: [String: [String]] = [:]
        for problem in problems { errors[problem.field, default: []].append(problem.message) }
        func errorLines(_ field: String) -> [String] {
            guard let messages = errors[field] else { return [] }
            return ["<p class=\"error\" id=\"\(field)-error\">\(text(messages.joined(separator: " ")))</p>"]
        }
        func wrapper(_ field: String) -> String { errors[field] == nil ? "<div>" : "<div class=\"field-error\">" }
        func describedBy(_ field: String) -> String {
            errors[field] == nil ? "" : " aria-describedby=\"\(field)-error\""
        }
        var html: [String] = []
        if !problems.isEmpty {
            html.append("<p class=\"error\" role=\"alert\">\(text(wording.problemsHeading))</p>")
        }
        html.append("<p>\(text(wording.formIntro))</p>")
        html.append("<form method=\"post\" action=\"/subscribe\">")
        html += [wrapper("email"), "<label for=\"email\">\(text(wording.email))</label>"] + errorLines("email")
        html.append(
            "<input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"email\" required"
                + " value=\"\(attribute(given?.email ?? ""))\"\(describedBy("email"))>")
        html.append("</div>")
        html += [wrapper("area"), "<label for=\"area\">\(text(wording.area))</label>"] + errorLines("area")
        html.append("<select id=\"area\" name=\"area\" required\(describedBy("area"))>")
        for area in content.areas {
            let selected = given?.area == area.value ? " selected" : ""
            html.append("<option value=\"\(attribute(area.value))\"\(selected)>\(text(area.label))</option>")
        }
        html += ["</select>", "</div>"]
        html.append(
            "<fieldset\(errors["topics"] == nil ? "" : " class=\"field-error\"")\(describedBy("topics"))>")
        html.append("<legend>\(text(wording.topics))</legend>")
        html += errorLines("topics")
        let chosen = Set(given?.topics ?? [])
        let all = chosen.isEmpty || chosen.contains("all")
        let options = [SignupChoice(value: "all", label: wording.allTopics)] + content.topics
        for topic in options {
            let label = resident.topicNames[topic.value] ?? topic.label
            let checked = topic.value == "all" ? all : !all && chosen.contains(topic.value)
            let id = attribute("topic-\(topic.value)")
            html.append(
                "<label for=\"\(id)\"><input type=\"checkbox\" id=\"\(id)\" name=\"topics\""
                    + " value=\"\(attribute(topic.value))\"\(checked ? " checked" : "")> \(text(label))</label>")
        }
        html.append("</fieldset>")
        html += [wrapper("locale"), "<label for=\"locale\">\(text(wording.language))</label>"] + errorLines("locale")
        html.append("<select id=\"locale\" name=\"locale\"\(describedBy("locale"))>")
        for language in content.languages {
            let selected = (given?.locale ?? wording.locale) == language.value ? " selected" : ""
            html.append(
                "<option value=\"\(attribute(language.value))\" lang=\"\(attribute(language.value))\"\(selected)>"
                    + "\(text(language.label))</option>")
        }
        html += ["</select>", "</div>"]
        html.append(
            "<fieldset\(errors["consent"] == nil ? "" : " class=\"field-error\"")\(describedBy("consent"))>")
        html.append("<legend>\(text(wording.consentHeading))</legend>")
        html += errorLines("consent")
        html.append("<p>\(text(content.consentStatement))</p>")
        html.append("<input type=\"hidden\" name=\"consent_version\" value=\"\(attribute(content.consentVersion))\">")
        html.append(
            "<label for=\"consent\"><input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"yes\" required>"
                + " \(text(wording.consentBox))</label>")
        html.append("</fieldset>")
        html += ["<button type=\"submit\">\(text(wording.submit))</button>", "</form>"]
        return html
    }

    /// The confirm page: what the link signs up for and the button that confirms (a GET changes nothing).
    static func confirm(_ summary: SignupSummary, wording: SignupWording) -> [String] {
        let resident = ResidentWording.for(wording.locale).wording
        let topics = summary.topics.map { $0 == "all" ? wording.allTopics : resident.topicNames[$0] ?? $0 }
        return [
            "<p>\(text(wording.confirmBody))</p>",
            "<ul><li>\(text(wording.area)): \(text(summary.areaName))</li>"
                + "<li>\(text(wording.topics)): \(text(topics.joined(separator: ", ")))</li></ul>",
            "<form method=\"post\">",
            "<button type=\"submit\">\(text(wording.confirmButton))</button>",
            "</form>",
        ]
    }

    /// A paragraph, and optionally a link back to the form.
    static func message(_ body: String, wording: SignupWording, linkToForm: Bool = false, notice: Bool = false)
        -> [String]
    {
        var html = [notice ? "<p class=\"notice\" role=\"status\">\(text(body))</p>" : "<p>\(text(body))</p>"]
        if linkToForm {
            html.append("<p><a href=\"/subscribe?lang=\(wording.locale)\">\(text(wording.signUpAgain))</a></p>")
        }
        return html
    }

    static func text(_ value: String) -> String { HTMLPage.text(value) }
    static func attribute(_ value: String) -> String { HTMLPage.attribute(value) }
}
