import CrierTemplates
import Foundation

/// Realistic area pages for the page tests: texts as the shipped templates write them.
enum AreaPageSamples {
    static let london = CAPSamples.london
    /// Thursday 26 November 2026, 16:40 in London.
    static let issued = CAPSamples.winter

    /// `minutes` after `issued`.
    static func at(minutes: Double) -> Date { issued.addingTimeInterval(minutes * 60) }

    /// The text part of `phishing-alert`, as the CAP description carries it: title line, area and sent
    /// lines, paragraphs, a "What to do" heading and a list.
    static let phishingText = """
        Fake messages from HMRC

        Area: East NPA
        Sent: Thursday 26 November 2026 at 16:40

        Scammers are sending emails and texts that pretend to be from HMRC. The message says you are owed a tax refund.

        The link leads to a fake website. It steals your bank details and passwords.

        What to do

        - Do not click links or open attachments in messages you did not expect.
        - Check with the organisation directly. Use a phone number or website you already trust.
        - Forward scam texts to 7726. It is free.
        """

    /// The text part of `courier-fraud`: a "Remember" heading and a list, no "What to do".
    static let courierText = """
        Callers pretending to be police officers

        Area: East NPA
        Sent: Thursday 26 November 2026 at 17:05

        Criminals are phoning people and pretending to be police officers. They ask you to hand over your bank card.

        Remember

        - Your bank and the police will never ask for your PIN.
        - If you get a call like this, hang up.
        """

    /// The text part of `urgent-warning`, whose "What to do" section is the instruction itself.
    static let urgentText = """
        Fake police officers calling residents in Evington

        Area: East NPA
        Sent: Thursday 26 November 2026 at 16:40

        Several residents have had calls from people claiming to be police officers.

        What to do

        Hang up. Do not hand over cards or cash. Call 101 to report the call.
        """

    static let phishing = AreaPage.Advice(
        headline: "Scam warning: fake messages from HMRC", issued: issued, summary: phishingText,
        instruction: "Do not respond or engage. Report it to the police on 101, or call 999 in an emergency.",
        expires: at(minutes: 60 * 24 * 7), capHref: "../cap/msg_phish.xml")

    /// Corrected at 17:05 the same day.
    static let courierUpdate = AreaPage.Advice(
        headline: "Callers pretending to be police officers", issued: issued, updated: at(minutes: 25),
        isUpdate: true, summary: courierText,
        instruction: "Do not respond or engage. Report it to the police on 101, or call 999 in an emergency.",
        expires: at(minutes: 60 * 48), capHref: "../cap/msg_courier_2.xml")

    static let exercise = AreaPage.Advice(
        headline: "Urgent: Fake police officers calling residents in Evington", issued: at(minutes: 10),
        isExercise: true, summary: urgentText,
        instruction: "Hang up. Do not hand over cards or cash. Call 101 to report the call.",
        expires: at(minutes: 120), capHref: "../cap/msg_exercise.xml")

    static let cancelled = AreaPage.Advice(
        headline: "Road closed after a serious collision on Uppingham Road", issued: at(minutes: -30),
        summary: "Uppingham Road is closed.", instruction: "Avoid the area.", expires: at(minutes: 600),
        cancellation: AreaPage.Cancellation(at: at(minutes: 40), reason: "sent by mistake"),
        capHref: "../cap/msg_road.xml")

    static let expired = AreaPage.Advice(
        headline: "Extra patrols in Spinney Hills tonight", issued: at(minutes: -60 * 26), summary: "Patrols.",
        instruction: "", expires: at(minutes: -60 * 2), capHref: "../cap/msg_patrols.xml")

    static let bulletin = AreaPage.Bulletin(
        headline: "Neighbourhood bulletin", issued: at(minutes: -60 * 24 * 3),
        body: """
            Neighbourhood bulletin

            Area: East NPA
            Sent: Monday 23 November 2026 at 09:00

            Here is what we told people in your area during the last week.

            17 November: Bogus callers near Humberstone
            Two men offered to clear gutters and asked for cash up front.
            If you saw them, quote reference SLP_2026_11_17_BOGUS_CALLERS_HUMBERSTONE_0042 when you call 101.

            We also held a street surgery at https://example.org/a-very-long-address/without-any-spaces/that-must-wrap-on-a-phone-screen
            """)

    /// An area page with an update, an exercise, a cancelled and an expired item, a bulletin and links.
    static let realistic = AreaPage(
        title: "East NPA", publisher: "Safer Leicester Partnership", timeZone: london,
        current: [phishing, courierUpdate, exercise], ended: [cancelled, expired], latestBulletin: bulletin,
        feedHref: "../feeds/east.atom",
        links: [
            AreaPage.Link(title: "Leicester (all areas)", href: "../index.html"),
            AreaPage.Link(title: "Central NPA", href: "central.html"),
            AreaPage.Link(title: "West NPA", href: "west.html"),
        ])
}
