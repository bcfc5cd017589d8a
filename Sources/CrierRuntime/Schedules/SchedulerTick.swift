public import Foundation

/// What one pass of the scheduler did: slots fired, recorded as missed or skipped, and failures.
public struct SchedulerTick: Sendable {
    /// One slot handled in this pass.
    public struct Entry: Sendable, Hashable {
        /// The schedule's id.
        public let scheduleID: String
        /// The slot key as recorded (bulletins add `/area`).
        public let slotKey: String
        /// The message written, for fired slots.
        public let messageID: String?
    }

    /// The instant the pass ran at.
    public var now: Date
    /// Slots whose message was written to the outbox.
    public var fired: [Entry] = []
    /// Slots recorded as missed (older than the misfire grace, or superseded by a later slot).
    public var missed: [Entry] = []
    /// Bulletin slots with nothing new to say.
    public var skipped: [Entry] = []
    /// One-offs whose time had passed when the scheduler first saw them enabled: recorded, never sent.
    public var passedBeforeEnabled: [Entry] = []
    /// Schedules that could not fire this pass, with why; they are tried again on the next pass.
    public var failures: [String: String] = [:]

    /// An empty report for a pass at `now`.
    public init(now: Date) { self.now = now }
}
