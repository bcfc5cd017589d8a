import CrierCore
import Hummingbird

/// The sign-up pages as plain HTML: one column that fits a 390 px phone, large type, labelled
/// fields, the page's language in `lang`, and no script (every action is a form POST).
enum SignupPage {
    /// A whole page around `body` (already HTML) with `title`, answered with `status`.
    static func response(
        title: String, body: String, wording: SignupWording, status: HTTPResponse.Status = .ok
    ) -> Response {
        let html = """
            <!DOCTYPE html>
            <html lang="\(wording.locale)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>\(escape(title))</title>
            <style>
            body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.5;color:#0b0c0c;background:#fff}
            main{max-width:40rem;margin:0 auto;padding:16px}
            h1{font-size:28px;line-height:1.25}
            label,legend{display:block;font-weight:bold;margin:16px 0 4px}
            fieldset{border:0;padding:0;margin:0}
            fieldset label{font-weight:normal;margin:4px 0}
            input[type=email],select{box-sizing:border-box;width:100%;font-size:19px;padding:8px;border:2px solid #0b0c0c}
            input[type=checkbox]{width:24px;height:24px;vertical-align:middle;margin-right:8px}
            button{font-size:19px;padding:10px 16px;margin-top:24px;background:#00703c;color:#fff;border:0}
            .problems{border:4px solid #d4351c;padding:8px 16px}
            .statement{border-left:6px solid #1d70b8;background:#f3f2f1;padding:8px 12px}
            a{color:#1d70b8}
            </style>
            </head>
            <body>
            <main>
            <h1>\(escape(title))</h1>
            \(body)
            </main>
            </body>
            </html>

            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = securityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The policy every page carries: no scripts, frames or foreign form targets, and no referrer
    /// (the confirm page's address holds a token), set through the page itself.
    static let securityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"

    /// The sign-up form, filled with `given` and listing `problems` when it is shown again.
    static func form(
        _ content: SignupFormContent, wording: SignupWording, given: SignupSubmission? = nil,
        problems: [SignupFieldProblem] = []
    ) -> String {
        var html = ""
        if !problems.isEmpty {
            html += "<div class=\"problems\" role=\"alert\"><h2>\(escape(wording.problemsHeading))</h2><ul>"
            for problem in problems {
                html += "<li>\(escape(label(of: problem.field, wording: wording))): \(escape(problem.message))</li>"
            }
            html += "</ul></div>\n"
        }
        html += "<p>\(escape(wording.formIntro))</p>\n"
        html += "<form method=\"post\" action=\"/subscribe\">\n"
        html += "<label for=\"email\">\(escape(wording.email))</label>\n"
        html +=
            "<input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"email\" required value=\"\(escape(given?.email ?? ""))\">\n"
        html += "<label for=\"area\">\(escape(wording.area))</label>\n<select id=\"area\" name=\"area\" required>\n"
        for area in content.areas {
            let selected = given?.area == area.value ? " selected" : ""
            html += "<option value=\"\(escape(area.value))\"\(selected)>\(escape(area.label))</option>\n"
        }
        html += "</select>\n<fieldset>\n<legend>\(escape(wording.topics))</legend>\n"
        let chosen = Set(given?.topics ?? ["all"])
        let options = [SignupChoice(value: "all", label: wording.allTopics)] + content.topics
        for (index, topic) in options.enumerated() {
            let checked = chosen.contains(topic.value) ? " checked" : ""
            html +=
                "<label for=\"topic-\(index)\"><input type=\"checkbox\" id=\"topic-\(index)\" name=\"topics\" value=\"\(escape(topic.value))\"\(checked)>\(escape(topic.label))</label>\n"
        }
        html += "</fieldset>\n"
        html += "<label for=\"locale\">\(escape(wording.language))</label>\n<select id=\"locale\" name=\"locale\">\n"
        for language in content.languages {
            let selected = (given?.locale ?? wording.locale) == language.value ? " selected" : ""
            html += "<option value=\"\(escape(language.value))\"\(selected)>\(escape(language.label))</option>\n"
        }
        html += "</select>\n"
        html += "<h2>\(escape(wording.consentHeading))</h2>\n"
        html += "<p class=\"statement\">\(escape(content.consentStatement))</p>\n"
        html += "<input type=\"hidden\" name=\"consent_version\" value=\"\(escape(content.consentVersion))\">\n"
        html +=
            "<label for=\"consent\"><input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"yes\" required>\(escape(wording.consentBox))</label>\n"
        html += "<button type=\"submit\">\(escape(wording.submit))</button>\n</form>\n"
        return html
    }

    /// The confirm page: what the link signs up for and the button that confirms (a GET changes nothing).
    static func confirm(_ summary: SignupSummary, token: String, wording: SignupWording) -> String {
        """
        <p>\(escape(wording.confirmBody))</p>
        <ul><li>\(escape(wording.area)): \(escape(summary.areaName))</li>\
        <li>\(escape(wording.topics)): \(escape(summary.topics.map { $0 == "all" ? wording.allTopics : $0 }.joined(separator: ", ")))</li></ul>
        <form method="post" action="/subscribe/confirm/\(escape(token))">
        <button type="submit">\(escape(wording.confirmButton))</button>
        </form>

        """
    }

    /// A paragraph, and optionally a link back to the form.
    static func message(_ text: String, wording: SignupWording, linkToForm: Bool = false) -> String {
        var html = "<p>\(escape(text))</p>\n"
        if linkToForm {
            html += "<p><a href=\"/subscribe?lang=\(wording.locale)\">\(escape(wording.signUpAgain))</a></p>\n"
        }
        return html
    }

    static func label(of field: String, wording: SignupWording) -> String {
        switch field {
        case "email": wording.email
        case "area": wording.area
        case "topics": wording.topics
        case "locale": wording.language
        case "consent": wording.consentHeading
        default: field
        }
    }

    static func escape(_ text: String) -> String { XMLText.escape(text, attribute: true) }
}
