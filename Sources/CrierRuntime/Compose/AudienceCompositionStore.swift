import CrierCore
import CrierStore
import Foundation

/// Composition for residents: the store itself writes one delivery per subscriber an audience
/// reaches (SQLite does it in one `INSERT … SELECT`), so a city-wide message never passes through
/// memory person by person.
///
/// Only SQLite implements it; the in-memory store serves explicit deliveries (`CompositionStore`).
/// The composer, which knows the templates, hands the store the locales the message was rendered
/// in as plain data; each resident's tag resolves among them by `LocaleChain`, the templates' rule.
protocol AudienceCompositionStore: CompositionStore {
    /// Writes `message` with its fixed deliveries and one delivery per subscriber `subscribers`
    /// reaches, in one transaction; a destination that appears twice gets one. Returns how many
    /// deliveries were written.
    @discardableResult
    func enqueue(
        _ message: MessageRecord, renditions: [Rendition], fixedDeliveries: [NewDelivery],
        subscribers: SubscriberDeliveries?, now: Date
    ) async throws -> Int

    /// Records a schedule slot as fired and writes its message like `enqueue`, in one transaction.
    /// Returns the deliveries written, or nil, writing nothing, when the slot was already recorded.
    /// The bulletin items `carrying` lists are marked as carried by the message in that transaction.
    func recordSlot(
        scheduleID: String, slotKey: String, outcome: SlotOutcome, at: Date, message: MessageRecord,
        renditions: [Rendition], fixedDeliveries: [NewDelivery], subscribers: SubscriberDeliveries?,
        carrying bulletinItems: [Int64]
    ) async throws -> Int?
}
