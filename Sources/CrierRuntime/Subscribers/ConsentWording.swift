/// The consent statement a person agrees to by signing up, in each language the form speaks,
/// and its version: the version is recorded on the subscriber, so the words they saw can be
/// shown later. Change the words only together with the version.
public enum ConsentWording {
    /// The version of the statements below.
    public static let version = "2026-11-consent-1"

    /// The statement in `locale` (`en` when it has none in that language), naming `sender`.
    public static func statement(locale: String, sender: String) -> String {
        switch locale.split(separator: "-").first.map(String.init) ?? locale {
        case "pl":
            """
            Zgadzam się, aby \(sender) wysyłało mi e-mailem ostrzeżenia i porady \
            dotyczące wybranego obszaru i tematów. Mogę zrezygnować w każdej chwili, korzystając z linku \
            w każdej wiadomości.
            """
        case "gu":
            """
            હું સંમત છું કે \(sender) મને પસંદ કરેલા વિસ્તાર અને વિષયો વિશે ચેતવણીઓ અને \
            સલાહ ઇમેઇલથી મોકલે. હું દરેક સંદેશામાંની લિંક વડે ગમે ત્યારે બંધ કરી શકું છું.
            """
        default:
            """
            I agree that \(sender) may email me warnings and advice about the area and \
            topics I chose. I can stop them at any time with the link in every message.
            """
        }
    }
}
