/// How an update announces itself in each shipped language: the subject marker and the note that
/// opens its body. A language not listed here gets English, as a template's missing locale does.
enum UpdateWording {
    /// `Update: ` and its translations, written after any `[TEST] ` or `[EXERCISE] ` mark.
    static func marker(locale: String) -> String {
        switch language(locale) {
        case "pl": "Aktualizacja: "
        case "gu": "અપડેટ: "
        default: "Update: "
        }
    }

    /// "This is an update of an earlier message. Changed: description." and its translations.
    static func note(locale: String, changes: [String]) -> String {
        let list = changes.joined(separator: ", ")
        switch language(locale) {
        case "pl":
            return "To jest aktualizacja wcześniejszej wiadomości." + (list.isEmpty ? "" : " Zmieniono: \(list).")
        case "gu":
            return "આ અગાઉના સંદેશનું અપડેટ છે." + (list.isEmpty ? "" : " બદલાયેલ: \(list).")
        default:
            return "This is an update of an earlier message." + (list.isEmpty ? "" : " Changed: \(list).")
        }
    }

    private static func language(_ locale: String) -> String {
        String(locale.prefix { $0 != "-" && $0 != "_" }).lowercased()
    }
}
