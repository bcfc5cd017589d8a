import Foundation

/// Every sentence the residents' pages show, in each language the templates have (English, Polish,
/// Gujarati), in one table so a translator finds them all in one place.
///
/// It exists so pages never mix languages and a language missing here falls back to English as a
/// whole. `%@` in a sentence is where the value the resident gave goes (escaped).
struct ResidentWording: Sendable {
    /// The language's own name, for the language choices.
    let languageName: String
    let otherLanguages: String
    let emergency: String

    let unsubscribeTitle: String
    let unsubscribeIntro: String
    let unsubscribeButton: String
    let changeInstead: String
    let unsubscribedTitle: String
    let unsubscribedBody: String
    let badRequestTitle: String
    let badRequestBody: String

    let preferencesTitle: String
    let preferencesIntro: String
    let areaLabel: String
    let topicsLegend: String
    let allTopics: String
    let languageLabel: String
    let saveButton: String
    let saved: String
    let leaveHeading: String
    let leaveIntro: String
    let errorSummary: String
    let missingArea: String
    let unknownArea: String
    let noTopic: String
    let unknownTopic: String
    let unknownLanguage: String
    let notSubscribedTitle: String
    let notSubscribedBody: String
    let linkInvalidTitle: String
    let linkInvalidBody: String
    let failureTitle: String
    let failureBody: String
    /// Names of the partnership's standard topics (`BuiltInTopic.standard` and `bulletin`), by id;
    /// another topic is shown as its id in words.
    let topicNames: [String: String]

    /// The wording for `language` (`pl`, `pl-PL`, `gu`…), English when there is none.
    static func `for`(_ language: String) -> (language: String, wording: ResidentWording) {
        let base = language.split(separator: "-").first.map { $0.lowercased() } ?? "en"
        if let wording = table[base] { return (base, wording) }
        return ("en", english)
    }

    /// The languages this table has, English first.
    static let languages = ["en", "pl", "gu"]

    /// `sentence` with its `%@` replaced by `value`, both escaped for HTML.
    static func fill(_ sentence: String, _ value: String) -> String {
        HTMLPage.text(sentence).replacingOccurrences(of: "%@", with: HTMLPage.text(value))
    }

    private static let table = ["en": english, "pl": polish, "gu": gujarati]

    private static let english = ResidentWording(
        languageName: "English",
        otherLanguages: "This page in another language",
        emergency: "In an emergency call 999. If it is not an emergency, call 101.",
        unsubscribeTitle: "Stop these messages",
        unsubscribeIntro:
            "Press the button to stop community safety messages to the address this link was sent to.",
        unsubscribeButton: "Unsubscribe",
        changeInstead: "Change what you receive instead",
        unsubscribedTitle: "You are unsubscribed",
        unsubscribedBody:
            "If this link came from one of our messages, we will send no more messages to that address."
            + " Messages waiting to be sent to it are withdrawn.",
        badRequestTitle: "Nothing was changed",
        badRequestBody: "This request could not be read. Open the link from the message again and press the button.",
        preferencesTitle: "Your alert choices",
        preferencesIntro: "Choose your area, what you want to hear about and the language of your messages.",
        areaLabel: "Your area",
        topicsLegend: "Topics",
        allTopics: "All topics",
        languageLabel: "Language of messages",
        saveButton: "Save my choices",
        saved: "Your choices are saved.",
        leaveHeading: "Stop all messages",
        leaveIntro: "You can stop every message from us at any time.",
        errorSummary: "Your choices were not saved. Correct what is marked below.",
        missingArea: "Choose your area.",
        unknownArea: "“%@” is not one of our areas. Choose one from the list.",
        noTopic: "Choose at least one topic, or All topics.",
        unknownTopic: "“%@” is not one of our topics.",
        unknownLanguage: "“%@” is not a language we send messages in.",
        notSubscribedTitle: "No messages are sent to this address",
        notSubscribedBody: "This address was unsubscribed, so there is nothing to change.",
        linkInvalidTitle: "This link does not work",
        linkInvalidBody: "Check that you opened the whole link from the message.",
        failureTitle: "Something went wrong",
        failureBody: "Your request may not have been saved. Please try again later.",
        topicNames: [
            "cyber-crime": "Cyber crime",
            "scams": "Scams and fraud",
            "hate-crime": "Hate crime",
            "knife-crime": "Knife crime",
            "night-time-economy": "Safety on nights out",
            "domestic-abuse": "Domestic abuse",
            "exploitation": "Exploitation",
            "street-lifestyle": "Street life",
            "asb": "Anti-social behaviour",
            "extremism": "Extremism",
            "organised-crime": "Organised crime",
            "road-safety": "Road safety",
            "bulletin": "Area bulletin",
        ])

    private static let polish = ResidentWording(
        languageName: "Polski",
        otherLanguages: "Ta strona w innym języku",
        emergency: "W nagłym wypadku dzwoń pod numer 999. Jeśli to nie jest nagły wypadek, dzwoń pod numer 101.",
        unsubscribeTitle: "Zrezygnuj z tych wiadomości",
        unsubscribeIntro:
            "Naciśnij przycisk, aby zatrzymać wiadomości o bezpieczeństwie wysyłane na adres, na który przyszedł ten link.",
        unsubscribeButton: "Wypisz mnie",
        changeInstead: "Zamiast tego zmień, jakie wiadomości otrzymujesz",
        unsubscribedTitle: "Wypisano z listy",
        unsubscribedBody:
            "Jeśli ten link pochodzi z naszej wiadomości, nie wyślemy już żadnych wiadomości na ten adres."
            + " Wiadomości czekające na wysłanie zostały wycofane.",
        badRequestTitle: "Nic nie zostało zmienione",
        badRequestBody: "Nie udało się odczytać tego żądania. Otwórz ponownie link z wiadomości i naciśnij przycisk.",
        preferencesTitle: "Twoje ustawienia powiadomień",
        preferencesIntro: "Wybierz swój obszar, tematy, o których chcesz słyszeć, i język wiadomości.",
        areaLabel: "Twój obszar",
        topicsLegend: "Tematy",
        allTopics: "Wszystkie tematy",
        languageLabel: "Język wiadomości",
        saveButton: "Zapisz moje wybory",
        saved: "Twoje wybory zostały zapisane.",
        leaveHeading: "Zatrzymaj wszystkie wiadomości",
        leaveIntro: "W każdej chwili możesz zrezygnować ze wszystkich naszych wiadomości.",
        errorSummary: "Twoje wybory nie zostały zapisane. Popraw to, co zaznaczono poniżej.",
        missingArea: "Wybierz swój obszar.",
        unknownArea: "„%@” nie jest jednym z naszych obszarów. Wybierz obszar z listy.",
        noTopic: "Wybierz co najmniej jeden temat albo Wszystkie tematy.",
        unknownTopic: "„%@” nie jest jednym z naszych tematów.",
        unknownLanguage: "„%@” nie jest językiem, w którym wysyłamy wiadomości.",
        notSubscribedTitle: "Na ten adres nie są wysyłane żadne wiadomości",
        notSubscribedBody: "Ten adres został wypisany, więc nie ma czego zmieniać.",
        linkInvalidTitle: "Ten link nie działa",
        linkInvalidBody: "Sprawdź, czy otwarto cały link z wiadomości.",
        failureTitle: "Coś poszło nie tak",
        failureBody: "Zmiany mogły nie zostać zapisane. Spróbuj ponownie później.",
        topicNames: [
            "cyber-crime": "Cyberprzestępczość",
            "scams": "Oszustwa",
            "hate-crime": "Przestępstwa z nienawiści",
            "knife-crime": "Przestępstwa z użyciem noża",
            "night-time-economy": "Bezpieczeństwo nocą",
            "domestic-abuse": "Przemoc domowa",
            "exploitation": "Wykorzystywanie",
            "street-lifestyle": "Życie na ulicy",
            "asb": "Zachowania antyspołeczne",
            "extremism": "Ekstremizm",
            "organised-crime": "Przestępczość zorganizowana",
            "road-safety": "Bezpieczeństwo na drogach",
            "bulletin": "Biuletyn obszaru",
        ])

    private static let gujarati = ResidentWording(
        languageName: "ગુજરાતી",
        otherLanguages: "આ પાનું બીજી ભાષામાં",
        emergency: "કટોકટીમાં 999 પર કૉલ કરો. કટોકટી ન હોય તો 101 પર કૉલ કરો.",
        unsubscribeTitle: "આ સંદેશા બંધ કરો",
        unsubscribeIntro: "આ લિંક જે સરનામે મોકલવામાં આવી હતી ત્યાં સમુદાય સલામતીના સંદેશા બંધ કરવા માટે બટન દબાવો.",
        unsubscribeButton: "સંદેશા બંધ કરો",
        changeInstead: "તેના બદલે તમને શું મળે છે તે બદલો",
        unsubscribedTitle: "તમારા સંદેશા બંધ થયા છે",
        unsubscribedBody:
            "જો આ લિંક અમારા કોઈ સંદેશમાંથી આવી હોય, તો અમે તે સરનામે હવે કોઈ સંદેશા મોકલીશું નહીં."
            + " મોકલવાના બાકી સંદેશા પાછા ખેંચી લેવામાં આવ્યા છે.",
        badRequestTitle: "કંઈ બદલાયું નથી",
        badRequestBody: "આ વિનંતી વાંચી શકાઈ નથી. સંદેશમાંની લિંક ફરીથી ખોલો અને બટન દબાવો.",
        preferencesTitle: "તમારી ચેતવણી પસંદગીઓ",
        preferencesIntro: "તમારો વિસ્તાર, તમે શેના વિશે સાંભળવા માંગો છો અને તમારા સંદેશાની ભાષા પસંદ કરો.",
        areaLabel: "તમારો વિસ્તાર",
        topicsLegend: "વિષયો",
        allTopics: "બધા વિષયો",
        languageLabel: "સંદેશાની ભાષા",
        saveButton: "મારી પસંદગીઓ સાચવો",
        saved: "તમારી પસંદગીઓ સાચવવામાં આવી છે.",
        leaveHeading: "બધા સંદેશા બંધ કરો",
        leaveIntro: "તમે કોઈપણ સમયે અમારા બધા સંદેશા બંધ કરી શકો છો.",
        errorSummary: "તમારી પસંદગીઓ સાચવવામાં આવી નથી. નીચે ચિહ્નિત કરેલું સુધારો.",
        missingArea: "તમારો વિસ્તાર પસંદ કરો.",
        unknownArea: "“%@” અમારા વિસ્તારોમાંનો એક નથી. યાદીમાંથી એક પસંદ કરો.",
        noTopic: "ઓછામાં ઓછો એક વિષય પસંદ કરો, અથવા બધા વિષયો.",
        unknownTopic: "“%@” અમારા વિષયોમાંનો એક નથી.",
        unknownLanguage: "“%@” એવી ભાષા નથી જેમાં અમે સંદેશા મોકલીએ છીએ.",
        notSubscribedTitle: "આ સરનામે કોઈ સંદેશા મોકલવામાં આવતા નથી",
        notSubscribedBody: "આ સરનામાના સંદેશા બંધ કરવામાં આવ્યા છે, તેથી બદલવા માટે કંઈ નથી.",
        linkInvalidTitle: "આ લિંક કામ કરતી નથી",
        linkInvalidBody: "તપાસો કે તમે સંદેશમાંની આખી લિંક ખોલી છે.",
        failureTitle: "કંઈક ખોટું થયું",
        failureBody: "તમારી વિનંતી કદાચ સાચવાઈ નથી. કૃપા કરીને પછીથી ફરી પ્રયાસ કરો.",
        topicNames: [
            "cyber-crime": "સાયબર ગુના",
            "scams": "છેતરપિંડી",
            "hate-crime": "નફરતના ગુના",
            "knife-crime": "છરીના ગુના",
            "night-time-economy": "રાત્રે બહાર સલામતી",
            "domestic-abuse": "ઘરેલુ હિંસા",
            "exploitation": "શોષણ",
            "street-lifestyle": "શેરી જીવન",
            "asb": "અસામાજિક વર્તન",
            "extremism": "ઉગ્રવાદ",
            "organised-crime": "સંગઠિત ગુના",
            "road-safety": "માર્ગ સલામતી",
            "bulletin": "વિસ્તાર બુલેટિન",
        ])
}
