/// Where a message stands in its life, as the outbox stores it (the `messages.state` column).
///
/// This is the operators' side of a message: whether it may be sent at all and whether it still
/// stands. Whether a released message is still being delivered or has been delivered is read from
/// its deliveries (`AlertPhase` puts the two together), so recording a delivery never has to touch
/// the message row.
public enum MessageState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Composed with its deliveries held until a second operator approves it.
    case awaitingApproval = "awaiting_approval"
    /// Turned down by a second operator: nothing of it is ever sent or published.
    case rejected
    /// Released: its deliveries are due (or done) and it is published.
    case queued
    /// A correction was released: it still stands, but the correction says what is true now.
    case superseded
    /// Withdrawn by an operator: unsent deliveries are taken back and a Cancel is published.
    case cancelled
    /// Reached its expiry before it was approved: nothing of it is sent.
    case expired

    /// True when no event can move the message any more.
    public var isTerminal: Bool { self == .rejected || self == .cancelled || self == .expired }
}

/// Something that happens to a message: what an operator, the scheduler or time does to it.
public enum MessageEvent: String, Sendable, Hashable, CaseIterable {
    /// Composed and written; `MessageLifecycle.proposed(needsApproval:)` gives its first state.
    case propose
    /// A second operator releases it.
    case approve
    /// A second operator turns it down.
    case reject
    /// A correction of it was released.
    case supersede
    /// An operator withdraws it.
    case cancel
    /// Its expiry passed before it was approved.
    case expire
}

/// What the store and the runtime must do when a message moves.
public enum MessageAction: String, Sendable, Hashable, CaseIterable {
    /// Make the held deliveries due now.
    case releaseDeliveries
    /// Take back every delivery not yet accepted (pending, held or on the wire).
    case withdrawUnsentDeliveries
    /// Tell everyone who received it (or may have) that it is withdrawn.
    case noticeRecipients
    /// Publish a CAP Cancel and take it off the current lists and feeds.
    case publishCancel
    /// Publish again: what the public sees has changed.
    case republish
}

/// A legal move: the state after the event and the actions that carry it out, in order.
public struct MessageTransition: Sendable, Hashable {
    public var from: MessageState
    public var event: MessageEvent
    public var to: MessageState
    public var actions: [MessageAction]

    /// Creates a transition.
    public init(from: MessageState, event: MessageEvent, to: MessageState, actions: [MessageAction]) {
        self.from = from
        self.event = event
        self.to = to
        self.actions = actions
    }
}

/// An event that is not allowed in the message's state, with the reason in an operator's words.
public struct IllegalMessageEvent: Error, Sendable, Hashable, CustomStringConvertible {
    public var state: MessageState
    public var event: MessageEvent
    public var description: String

    /// Creates the error.
    public init(state: MessageState, event: MessageEvent, description: String) {
        self.state = state
        self.event = event
        self.description = description
    }
}

/// The one rule for how messages move between states: a pure function, tested as a table for
/// every (state, event) pair.
///
/// | from | approve | reject | supersede | cancel | expire |
/// |---|---|---|---|---|---|
/// | awaiting approval | queued (release, republish) | rejected (withdraw) | – | cancelled (withdraw) | expired (withdraw) |
/// | queued | – | – | superseded (republish) | cancelled (withdraw, notice, publish Cancel) | – |
/// | superseded | – | – | superseded (republish) | cancelled (withdraw, notice, publish Cancel) | – |
/// | rejected, cancelled, expired | – | – | – | – | – |
///
/// A message cancelled before it was released was never public, so nothing is published for it.
/// Released messages do not expire as an event: their expiry is read from `expires_at`.
public enum MessageLifecycle {
    /// The state a newly composed message is written in.
    public static func proposed(needsApproval: Bool) -> MessageState {
        needsApproval ? .awaitingApproval : .queued
    }

    /// What `event` does to a message in `state`, or why it may not happen.
    public static func transition(from state: MessageState, on event: MessageEvent) -> Result<
        MessageTransition, IllegalMessageEvent
    > {
        func move(_ to: MessageState, _ actions: [MessageAction]) -> Result<MessageTransition, IllegalMessageEvent> {
            .success(MessageTransition(from: state, event: event, to: to, actions: actions))
        }
        func refuse(_ why: String) -> Result<MessageTransition, IllegalMessageEvent> {
            .failure(IllegalMessageEvent(state: state, event: event, description: why))
        }
        switch (state, event) {
        case (_, .propose):
            return refuse("it was already proposed")
        case (.awaitingApproval, .approve):
            return move(.queued, [.releaseDeliveries, .republish])
        case (.awaitingApproval, .reject):
            return move(.rejected, [.withdrawUnsentDeliveries])
        case (.awaitingApproval, .cancel):
            return move(.cancelled, [.withdrawUnsentDeliveries])
        case (.awaitingApproval, .expire):
            return move(.expired, [.withdrawUnsentDeliveries])
        case (.awaitingApproval, .supersede):
            return refuse("it is still awaiting approval; reject it and propose a corrected one")
        case (.queued, .supersede), (.superseded, .supersede):
            return move(.superseded, [.republish])
        case (.queued, .cancel), (.superseded, .cancel):
            return move(.cancelled, [.withdrawUnsentDeliveries, .noticeRecipients, .publishCancel, .republish])
        case (.queued, .approve), (.superseded, .approve), (.queued, .reject), (.superseded, .reject):
            return refuse("it is not awaiting approval (it was released)")
        case (.queued, .expire), (.superseded, .expire):
            return refuse("it was released; its expiry time ends it")
        case (.rejected, _):
            return refuse("it was rejected; nothing of it was sent")
        case (.cancelled, _):
            return refuse("it is already cancelled")
        case (.expired, _):
            return refuse("it expired before it was approved")
        }
    }
}
