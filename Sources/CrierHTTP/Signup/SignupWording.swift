/// The words of the sign-up pages in one language: English, Polish and Gujarati, the languages
/// the shipped templates speak; any other request gets English.
struct SignupWording: Sendable {
    let locale: String
    let formTitle: String
    let formIntro: String
    let email: String
    let area: String
    let topics: String
    let allTopics: String
    let language: String
    let consentHeading: String
    let consentBox: String
    let submit: String
    let problemsHeading: String
    let consentMissing: String
    let consentStale: String
    let sentTitle: String
    let sentBody: String
    let confirmTitle: String
    let confirmBody: String
    let confirmButton: String
    let confirmedTitle: String
    let confirmedBody: String
    let expiredTitle: String
    let expiredBody: String
    let signUpAgain: String
    let unavailableTitle: String
    let unavailableBody: String
    let failedTitle: String
    let failedBody: String

    /// The wording for `requested` (`pl-PL` gets Polish), English when there is none.
    static func forLocale(_ requested: String) -> SignupWording {
        switch requested.lowercased().split(separator: "-").first.map(String.init) ?? "" {
        case "pl": polish
        case "gu": gujarati
        default: english
        }
    }

    /// The language codes the pages speak.
    static let codes = ["en", "pl", "gu"]

    static let english = SignupWording(
        locale: "en", formTitle: "Sign up for alerts",
        formIntro:
            "Get warnings and advice about crime and safety in your area by email. We send you an email to check the address first.",
        email: "Email address", area: "Your area", topics: "Topics", allTopics: "All topics", language: "Language",
        consentHeading: "Your consent", consentBox: "I agree to the statement above", submit: "Sign up",
        problemsHeading: "Please correct this:", consentMissing: "Tick the box to agree, or we cannot send you alerts.",
        consentStale: "The form has changed since you opened it. Please read the statement again and resend.",
        sentTitle: "Check your email",
        sentBody:
            "If the address can receive our emails, a message with a confirmation link is on its way. Nothing is sent until you confirm. The link works for 7 days.",
        confirmTitle: "Confirm your sign-up", confirmBody: "Press the button to start receiving alerts:",
        confirmButton: "Confirm", confirmedTitle: "You are signed up",
        confirmedBody: "Thank you. Alerts will come by email. Every email has a link to stop them.",
        expiredTitle: "This link does not work",
        expiredBody: "The link has expired or was already used. Links work for 7 days.", signUpAgain: "Sign up again",
        unavailableTitle: "Sign-up is not available",
        unavailableBody: "Sign-up is not available at the moment. Please try again later.",
        failedTitle: "Something went wrong", failedBody: "We could not complete this. Please try again later.")

    static let polish = SignupWording(
        locale: "pl", formTitle: "Zapisz się na powiadomienia",
        formIntro:
            "Otrzymuj e-mailem ostrzeżenia i porady o przestępczości i bezpieczeństwie w swojej okolicy. Najpierw wyślemy e-mail, aby sprawdzić adres.",
        email: "Adres e-mail", area: "Twój obszar", topics: "Tematy", allTopics: "Wszystkie tematy", language: "Język",
        consentHeading: "Twoja zgoda", consentBox: "Zgadzam się z powyższym oświadczeniem", submit: "Zapisz się",
        problemsHeading: "Popraw:", consentMissing: "Zaznacz pole zgody, inaczej nie możemy wysyłać powiadomień.",
        consentStale:
            "Formularz zmienił się od czasu jego otwarcia. Przeczytaj oświadczenie ponownie i wyślij jeszcze raz.",
        sentTitle: "Sprawdź skrzynkę e-mail",
        sentBody:
            "Jeśli ten adres może odbierać nasze wiadomości, wysłaliśmy na niego link potwierdzający. Nic nie wyślemy, dopóki nie potwierdzisz. Link działa 7 dni.",
        confirmTitle: "Potwierdź zapis", confirmBody: "Naciśnij przycisk, aby zacząć otrzymywać powiadomienia:",
        confirmButton: "Potwierdź", confirmedTitle: "Zapisano",
        confirmedBody:
            "Dziękujemy. Powiadomienia będą przychodzić e-mailem. Każda wiadomość zawiera link do rezygnacji.",
        expiredTitle: "Ten link nie działa", expiredBody: "Link wygasł lub został już użyty. Linki działają 7 dni.",
        signUpAgain: "Zapisz się ponownie", unavailableTitle: "Zapisy są niedostępne",
        unavailableBody: "Zapisy są teraz niedostępne. Spróbuj ponownie później.", failedTitle: "Coś poszło nie tak",
        failedBody: "Nie udało się tego zrobić. Spróbuj ponownie później.")

    static let gujarati = SignupWording(
        locale: "gu", formTitle: "સૂચનાઓ માટે નોંધણી કરો",
        formIntro: "તમારા વિસ્તારમાં ગુના અને સલામતી વિશે ચેતવણીઓ અને સલાહ ઇમેઇલથી મેળવો. પહેલાં અમે સરનામું તપાસવા ઇમેઇલ મોકલીએ છીએ.",
        email: "ઇમેઇલ સરનામું", area: "તમારો વિસ્તાર", topics: "વિષયો", allTopics: "બધા વિષયો", language: "ભાષા",
        consentHeading: "તમારી સંમતિ", consentBox: "હું ઉપરના નિવેદન સાથે સંમત છું", submit: "નોંધણી કરો",
        problemsHeading: "કૃપા કરીને આ સુધારો:", consentMissing: "સંમતિ માટે બોક્સ પર ટિક કરો, નહીંતર અમે સૂચનાઓ મોકલી શકતા નથી.",
        consentStale: "તમે ફોર્મ ખોલ્યું ત્યારથી તે બદલાયું છે. કૃપા કરીને નિવેદન ફરી વાંચો અને ફરી મોકલો.",
        sentTitle: "તમારો ઇમેઇલ તપાસો",
        sentBody: "જો આ સરનામે અમારા ઇમેઇલ મળી શકે, તો પુષ્ટિ લિંક સાથેનો સંદેશ આવી રહ્યો છે. તમે પુષ્ટિ કરો ત્યાં સુધી કંઈ મોકલાશે નહીં. લિંક 7 દિવસ ચાલે છે.",
        confirmTitle: "તમારી નોંધણીની પુષ્ટિ કરો", confirmBody: "સૂચનાઓ મેળવવાનું શરૂ કરવા બટન દબાવો:",
        confirmButton: "પુષ્ટિ કરો", confirmedTitle: "તમારી નોંધણી થઈ ગઈ",
        confirmedBody: "આભાર. સૂચનાઓ ઇમેઇલથી આવશે. દરેક ઇમેઇલમાં તે બંધ કરવાની લિંક છે.",
        expiredTitle: "આ લિંક ચાલતી નથી", expiredBody: "લિંકની મુદત પૂરી થઈ ગઈ છે અથવા તે વપરાઈ ગઈ છે. લિંક 7 દિવસ ચાલે છે.",
        signUpAgain: "ફરી નોંધણી કરો", unavailableTitle: "નોંધણી ઉપલબ્ધ નથી",
        unavailableBody: "હાલમાં નોંધણી ઉપલબ્ધ નથી. કૃપા કરીને પછીથી ફરી પ્રયાસ કરો.", failedTitle: "કંઈક ખોટું થયું",
        failedBody: "અમે આ પૂરું કરી શક્યા નહીં. કૃપા કરીને પછીથી ફરી પ્રયાસ કરો.")
}
