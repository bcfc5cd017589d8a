import CrierCore
import CrierStore
import Foundation

/// Composition for residents: the store itself writes one delivery per subscriber an audience
/// reaches (SQLite does it in one `INSERT … SELECT`), so a city-wide message never passes through
/// memory person by person.
///
/// Only SQLite implements it; the in-memory store serves explicit deliveries (`CompositionStore`).
/// Which rendition a subscriber's locale tag gets is decided by the composer, which knows the
/// templates: it lists the tags, maps them, and hands the store the mapping as plain data.
protocol AudienceCompositionStore: CompositionStore {
    /// The distinct locale tags of the subscribers `audience` reaches.
    func subscriberLocaleTags(in audience: SubscriberAudience) async throws -> [String]

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
    func recordSlot(
        scheduleID: String, slotKey: String, outcome: SlotOutcome, at: Date, message: MessageRecord,
        renditions: [Rendition], fixedDeliveries: [NewDelivery], subscribers: SubscriberDeliveries?
    ) async throws -> Int?
}
