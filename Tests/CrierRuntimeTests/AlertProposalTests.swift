import CrierCore
import CrierStore
import CrierTemplates
import Foundation
import Testing

@testable import CrierRuntime

@Suite("alerts: propose, approve, reject")
struct AlertProposalTests {
    @Test("an actual alert waits for approval with its deliveries held, and the proposal is audited")
    func actualWaits() async throws {
        let fixture = try AlertDeskFixture()
        let plan = try fixture.desk.plan(fixture.request())
        #expect(plan.needsApproval)
        #expect(plan.confirmationWord == "1")
        #expect(plan.preview.subscribers == 3)
        #expect(plan.preview.endpoints == ["partner", "test-hook"])
        #expect(plan.preview.subject == "Urgent: Fake couriers calling in Evington")

        let outcome = try await fixture.desk.propose(fixture.request())
        #expect(outcome.state == AlertPhase.awaitingApproval.rawValue)
        #expect(outcome.deliveries == 5)
        #expect(try await fixture.outbox.dueRoutes(now: fixture.clock.now().addingTimeInterval(86_400)).isEmpty)
        #expect(try fixture.desk.progress(id: outcome.id).isSettled)
        let entry = try #require(try fixture.outbox.audit(subject: outcome.id).first)
        #expect(entry.action == "propose" && entry.actor == "alice" && entry.at == fixture.clock.now())
    }

    @Test("the proposer cannot approve; another operator releases the deliveries")
    func twoPersonRule() async throws {
        let fixture = try AlertDeskFixture()
        let outcome = try await fixture.desk.propose(fixture.request())
        let refused = try #require(throws: AlertDeskError.self) {
            try fixture.desk.approve(id: outcome.id, operatorName: "ALICE")
        }
        #expect(refused == .selfApproval(outcome.id, operatorName: "ALICE"), "\(refused)")
        #expect(refused.description.contains("two-person rule"), "\(refused)")
        #expect(try fixture.outbox.message(id: outcome.id)?.state == .awaitingApproval)

        let approved = try fixture.desk.approve(id: outcome.id, operatorName: "bob")
        #expect(approved.deliveries == 5)
        #expect(
            try await fixture.outbox.dueRoutes(now: fixture.clock.now()) == ["email": 3, "partner": 1, "test-hook": 1])
        #expect(try fixture.actions(of: outcome.id) == ["propose", "approve", "send"])
        #expect(try fixture.outbox.audit(subject: outcome.id)[1].actor == "bob")
        #expect(throws: AlertDeskError.self) { try fixture.desk.approve(id: outcome.id, operatorName: "carol") }
    }

    @Test("a rejected alert is never sent")
    func reject() async throws {
        let fixture = try AlertDeskFixture()
        let outcome = try await fixture.desk.propose(fixture.request())
        _ = try fixture.desk.reject(id: outcome.id, operatorName: "bob", reason: "wrong area")
        #expect(try fixture.outbox.deliveryCounts(messageID: outcome.id) == [.withdrawn: 5])
        #expect(try fixture.desk.show(id: outcome.id).alert.state == AlertPhase.rejected.rawValue)
        #expect(try fixture.actions(of: outcome.id) == ["propose", "reject"])
        #expect(throws: AlertDeskError.notAwaitingApproval(outcome.id, phase: AlertPhase.rejected.rawValue)) {
            try fixture.desk.approve(id: outcome.id, operatorName: "bob")
        }
    }

    @Test("an expired proposal cannot be approved")
    func expired() async throws {
        let fixture = try AlertDeskFixture()
        let outcome = try await fixture.desk.propose(fixture.request(expiresIn: 600))
        fixture.clock.advance(by: 601)
        let error = try #require(throws: AlertDeskError.self) {
            try fixture.desk.approve(id: outcome.id, operatorName: "bob")
        }
        #expect(error.description.contains("expired"))
        #expect(try fixture.desk.list().first?.state == AlertPhase.expired.rawValue)
    }

    @Test("exercise needs no approval and is marked in subject and payload")
    func exercise() async throws {
        let fixture = try AlertDeskFixture()
        let plan = try fixture.desk.plan(fixture.request(status: .exercise))
        #expect(!plan.needsApproval && plan.confirmationWord == "EXERCISE")
        let outcome = try await fixture.desk.propose(fixture.request(status: .exercise))
        #expect(outcome.state == AlertPhase.sending.rawValue)
        #expect(outcome.headline.hasPrefix("[EXERCISE] "))
        let webhook = try #require(
            try await fixture.outbox.rendition(messageID: outcome.id, channel: .webhook, locale: "en"))
        let json = try #require(try JSONSerialization.jsonObject(with: webhook.payload) as? [String: Any])
        #expect(json["status"] as? String == "Exercise")
        #expect((json["headline"] as? String)?.hasPrefix("[EXERCISE] ") == true)
        #expect(try fixture.actions(of: outcome.id) == ["propose", "send"])
    }

    @Test("test goes only to test recipients")
    func testStatus() async throws {
        let fixture = try AlertDeskFixture()
        let outcome = try await fixture.desk.propose(fixture.request(status: .test))
        let destinations = Set(try fixture.outbox.deliveries(messageID: outcome.id).map(\.destination))
        #expect(destinations == ["cy@example.org", "http://127.0.0.1:9/test"])
        #expect(outcome.headline == "[TEST] Urgent: Fake couriers calling in Evington")
    }

    @Test("without the approvals setting an actual alert goes at once")
    func noApprovals() async throws {
        let fixture = try AlertDeskFixture(approvals: false)
        let outcome = try await fixture.desk.propose(fixture.request())
        #expect(outcome.state == AlertPhase.sending.rawValue)
        #expect(try await fixture.outbox.dueRoutes(now: fixture.clock.now())["email"] == 3)
    }

    struct BadInput: Sendable, CustomStringConvertible {
        let description: String
        let template: String
        let areas: [String]
        let variables: [String: TemplateValue]
        let mentions: String
    }

    static let badInputs: [BadInput] = [
        BadInput(
            description: "unknown template", template: "urgent-warnin", areas: ["east"],
            variables: AlertDeskFixture.warning, mentions: "unknown template"),
        BadInput(
            description: "unknown area", template: "urgent-warning", areas: ["north"],
            variables: AlertDeskFixture.warning, mentions: "unknown area \"north\""),
        BadInput(
            description: "missing variable", template: "urgent-warning", areas: ["east"],
            variables: AlertDeskFixture.warning.filter { $0.key != "instruction" }, mentions: "instruction"),
        BadInput(
            description: "undeclared variable", template: "urgent-warning", areas: ["east"],
            variables: AlertDeskFixture.warning.merging(["colour": "red"]) { $1 }, mentions: "colour"),
        BadInput(
            description: "CR/LF in the headline", template: "urgent-warning", areas: ["east"],
            variables: AlertDeskFixture.warning.merging(["headline": "Fake\r\nBcc: x@example.org"]) { $1 },
            mentions: "headline"),
    ]

    @Test("bad input is refused with a clear error and nothing is queued", arguments: badInputs)
    func badInput(_ bad: BadInput) async throws {
        let fixture = try AlertDeskFixture()
        let request = fixture.request(areas: bad.areas, variables: bad.variables, template: bad.template)
        let error = try await #require(throws: CompositionError.self) { try await fixture.desk.propose(request) }
        #expect(error.description.contains(bad.mentions), "\(error)")
        #expect(throws: CompositionError.self) { try fixture.desk.plan(request) }
        #expect(try fixture.messageCount() == 0)
        #expect(try fixture.outbox.audit(since: nil).isEmpty)
    }

    @Test("unknown ids are refused by every action")
    func unknownID() async throws {
        let fixture = try AlertDeskFixture()
        let unknown = AlertDeskError.unknownAlert("msg_nope")
        #expect(throws: unknown) { try fixture.desk.approve(id: "msg_nope", operatorName: "bob") }
        #expect(throws: unknown) { try fixture.desk.reject(id: "msg_nope", operatorName: "bob", reason: "x") }
        await #expect(throws: unknown) {
            try await fixture.desk.cancel(id: "msg_nope", operatorName: "bob", reason: "x")
        }
        await #expect(throws: unknown) {
            try await fixture.desk.update(id: "msg_nope", variables: ["headline": "x"], operatorName: "bob")
        }
        #expect(throws: unknown) { try fixture.desk.show(id: "msg_nope") }
    }
}
