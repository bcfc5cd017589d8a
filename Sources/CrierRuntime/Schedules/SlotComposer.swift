/// What the scheduler needs of composition: a message composed as the firing of one slot.
///
/// The slot record and the message commit together, so the slot fires exactly once; nil means the
/// slot was already recorded and nothing was written.
public protocol SlotComposer: Sendable {
    /// Composes `request` as slot `slotKey` of `scheduleID`, or returns nil if that slot is recorded.
    func compose(_ request: CompositionRequest, scheduleID: String, slotKey: String) async throws -> ComposedMessage?
}

extension Composer: SlotComposer {}
