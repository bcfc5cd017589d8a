import Foundation

/// Markers the composer leaves in rendered bodies where each recipient's own details go.
///
/// Bodies are rendered once per locale; the dispatcher fills the markers per delivery, the same
/// way on every retry, so the bytes sent never change between attempts.
public enum Personalisation {
    /// Stands for the recipient's unsubscribe link.
    public static let unsubscribeURLMarker = "%%CRIER_UNSUBSCRIBE_URL%%"
    /// Stands for the recipient's name.
    public static let recipientNameMarker = "%%CRIER_RECIPIENT_NAME%%"

    /// Fills the markers in plain text.
    public static func fillText(_ text: String, unsubscribeURL: String?, recipientName: String?) -> String {
        guard text.contains("%%CRIER_") else { return text }
        return text.replacingOccurrences(of: unsubscribeURLMarker, with: unsubscribeURL ?? "")
            .replacingOccurrences(of: recipientNameMarker, with: recipientName ?? "")
    }

    /// Fills the markers in HTML, escaping the values.
    public static func fillHTML(_ html: String, unsubscribeURL: String?, recipientName: String?) -> String {
        guard html.contains("%%CRIER_") else { return html }
        return html.replacingOccurrences(of: unsubscribeURLMarker, with: escapeHTML(unsubscribeURL ?? ""))
            .replacingOccurrences(of: recipientNameMarker, with: escapeHTML(recipientName ?? ""))
    }

    /// Escapes the five HTML-significant characters.
    public static func escapeHTML(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
