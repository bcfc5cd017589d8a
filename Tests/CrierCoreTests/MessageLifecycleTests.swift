import CrierCore
import Foundation
import Testing

@Suite("the message lifecycle, every state and event")
struct MessageLifecycleTests {
    /// Every (state, event) pair: the state it leads to and its actions, or nil when it is refused.
    static let table: [(MessageState, MessageEvent, MessageState?, [MessageAction])] = [
        (.awaitingApproval, .propose, nil, []),
        (.awaitingApproval, .approve, .queued, [.releaseDeliveries, .republish]),
        (.awaitingApproval, .reject, .rejected, [.withdrawUnsentDeliveries]),
        (.awaitingApproval, .supersede, nil, []),
        (.awaitingApproval, .cancel, .cancelled, [.withdrawUnsentDeliveries]),
        (.awaitingApproval, .expire, .expired, [.withdrawUnsentDeliveries]),
        (.queued, .propose, nil, []),
        (.queued, .approve, nil, []),
        (.queued, .reject, nil, []),
        (.queued, .supersede, .superseded, [.republish]),
        (.queued, .cancel, .cancelled, [.withdrawUnsentDeliveries, .noticeRecipients, .publishCancel, .republish]),
        (.queued, .expire, nil, []),
        (.superseded, .propose, nil, []),
        (.superseded, .approve, nil, []),
        (.superseded, .reject, nil, []),
        (.superseded, .supersede, .superseded, [.republish]),
        (
            .superseded, .cancel, .cancelled,
            [.withdrawUnsentDeliveries, .noticeRecipients, .publishCancel, .republish]
        ),
        (.superseded, .expire, nil, []),
    ]

    @Test("live states", arguments: table)
    func transition(state: MessageState, event: MessageEvent, expected: MessageState?, actions: [MessageAction]) {
        switch MessageLifecycle.transition(from: state, on: event) {
        case .success(let move):
            #expect(move.to == expected)
            #expect(move.actions == actions)
            #expect(move.from == state && move.event == event)
        case .failure(let refusal):
            #expect(expected == nil, "\(state) --\(event)--> refused: \(refusal.description)")
            #expect(!refusal.description.isEmpty)
        }
    }

    @Test("the table covers every state that is not terminal, with every event")
    func tableIsComplete() {
        let covered = Set(Self.table.map { "\($0.0.rawValue) \($0.1.rawValue)" })
        for state in MessageState.allCases where !state.isTerminal {
            for event in MessageEvent.allCases {
                #expect(
                    covered.contains("\(state.rawValue) \(event.rawValue)"), "\(state) \(event) is not in the table")
            }
        }
    }

    @Test("terminal states refuse every event", arguments: [MessageState.rejected, .cancelled, .expired])
    func terminal(state: MessageState) {
        #expect(state.isTerminal)
        for event in MessageEvent.allCases {
            guard case .failure(let refusal) = MessageLifecycle.transition(from: state, on: event) else {
                Issue.record("\(state) accepted \(event)")
                continue
            }
            #expect(refusal.state == state && refusal.event == event)
        }
    }

    @Test("a proposal starts held only when it needs a second operator")
    func proposal() {
        #expect(MessageLifecycle.proposed(needsApproval: true) == .awaitingApproval)
        #expect(MessageLifecycle.proposed(needsApproval: false) == .queued)
    }

    @Test(
        "what operators read",
        arguments: [
            (MessageState.queued, 2, false, AlertPhase.sending), (.queued, 0, false, .sent),
            (.superseded, 0, false, .superseded), (.superseded, 1, false, .sending),
            (.awaitingApproval, 3, false, .awaitingApproval), (.awaitingApproval, 3, true, .expired),
            (.cancelled, 0, false, .cancelled), (.rejected, 0, false, .rejected), (.expired, 0, true, .expired),
        ])
    func phase(state: MessageState, pending: Int, pastExpiry: Bool, expected: AlertPhase) {
        let now = Date(timeIntervalSince1970: 1_000)
        let expires = pastExpiry ? now.addingTimeInterval(-1) : now.addingTimeInterval(60)
        #expect(AlertPhase(state: state, expiresAt: expires, pendingDeliveries: pending, now: now) == expected)
    }
}
