import Foundation
import Hummingbird

/// Chooses the language of a resident's page: `?lang=` when the page was asked for in a language,
/// else the resident's own language when the page is about them, else the browser's
/// `Accept-Language`, else English; always one the templates and the wording table both have.
enum PageLanguage {
    static func choose(
        for request: Request, offered choices: ResidentChoices, resident: String? = nil
    ) -> (language: String, wording: ResidentWording) {
        let offered = Set(choices.languages).intersection(ResidentWording.languages)
        func usable(_ tag: String) -> String? {
            let base = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
            return offered.contains(base) ? base : nil
        }
        var candidates: [String] = []
        if let asked = request.uri.queryParameters.get("lang") { candidates.append(asked) }
        if let resident { candidates.append(resident) }
        candidates += acceptedLanguages(request.headers[.acceptLanguage] ?? "")
        let language = candidates.lazy.compactMap(usable).first ?? "en"
        return ResidentWording.for(language)
    }

    /// The tags of an `Accept-Language` value, most wanted first (`q=0` dropped).
    static func acceptedLanguages(_ header: String) -> [String] {
        var weighted: [(tag: String, q: Double, order: Int)] = []
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty, tag != "*" else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                q = Double(parameter.dropFirst(2)) ?? 0
            }
            if q > 0 { weighted.append((tag, q, order)) }
        }
        return weighted.sorted { ($0.q, -$0.order) > ($1.q, -$1.order) }.map(\.tag)
    }
}
