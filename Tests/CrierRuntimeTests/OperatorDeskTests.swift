import CrierCore
import CrierStore
import CrierTemplates
import CrierTestSupport
import Foundation
import Testing

@testable import CrierRuntime

@Suite("deliveries, audit, templates and status desks")
struct OperatorDeskTests {
    @Test func retryingADeliveryThatIsNotDeadChangesNothing() async throws {
        let installation = try TestInstallation()
        let now = Date()
        let message = MessageRecord(
            id: "msg_desk", template: "urgent-warning", topic: "scams", areas: ["east"], priority: .urgent,
            headline: "Courier fraud", proposedBy: "test", createdAt: now)
        let rendition = Rendition(messageID: message.id, channel: .webhook, locale: "en", payload: Data("{}".utf8))
        _ = try await installation.system.outbox.enqueue(
            message, renditions: [rendition],
            deliveries: [
                NewDelivery(
                    channel: .webhook, destination: "https://partner.example.org/hook?key=secret", route: "p",
                    endpointID: "p")
            ], now: now)
        let desk = DeliveryDesk(system: installation.system)
        let listed = try desk.list(state: nil, limit: 10)
        #expect(listed.count == 1)
        #expect(listed.first?.state == "pending")
        #expect(listed.first?.destination.contains("secret") == false, "webhook URLs are redacted")
        let id = try #require(listed.first?.id)
        #expect(try desk.retry(id: id, actor: "dana") == false)
        #expect(try desk.retryAllDead(actor: "dana") == 0)
        let audit = try AuditDesk(system: installation.system).entries(since: nil)
        #expect(audit.map(\.action) == ["retry-dead"], "only what was done is audited")
        #expect(audit.first?.actor == "dana")
        #expect(try AuditDesk(system: installation.system).entries(since: now.addingTimeInterval(3_600)).isEmpty)
    }

    @Test func templatesAreListedCheckedAndPreviewedThroughTheSystemsLibrary() throws {
        let installation = try TestInstallation()
        let desk = try TemplateDesk(system: installation.system)
        let listed = desk.list()
        #expect(listed.map(\.id) == listed.map(\.id).sorted())
        #expect(listed.contains { $0.id == "courier-fraud" })
        let check = desk.check()
        #expect(check.errors == 0, "\(check.problems)")
        #expect(check.templates == listed.count)
        let request = CompositionRequest(
            template: "courier-fraud", areas: ["east"], variables: ["pretend_to_be": "police officers"],
            proposedBy: "test")
        let preview = try desk.preview(request, locale: "en")
        #expect(preview.locale == "en")
        #expect(!preview.subject.isEmpty)
        #expect(try JSONSerialization.jsonObject(with: Data(preview.webhookJSON.utf8)) is [String: Any])
        #expect(try desk.previewCAP(request).contains("<alert"))
    }

    @Test func statusAnswersForAnEmptyOutbox() throws {
        let installation = try TestInstallation()
        let status = try StatusDesk(system: installation.system).report()
        #expect(status.deadLetters == 0)
        #expect(status.deliveries.values.allSatisfy { $0 == 0 }, "\(status.deliveries)")
    }
}

@Suite("the composition root loads templates and schedules once")
struct CrierSystemInputsTests {
    @Test func theTemplateLibraryIsReadOnce() throws {
        let folder = try TestPaths.makeTemporaryDirectory(prefix: "crier-inputs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(
            at: TestPaths.repositoryRoot.appendingPathComponent("templates"), to: templates)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("schedules"), withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("crier.yml")
        try "database: crier.sqlite\ntemplates: templates\nschedules: schedules\n".write(
            to: config, atomically: true, encoding: .utf8)
        let system = try CrierSystem.open(configuration: config)
        let first = try system.templates()
        let catalog = try system.scheduleCatalog()
        // Gone from disk: a second read would fail, so success means nothing was read again.
        try FileManager.default.removeItem(at: templates)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("schedules"))
        #expect(try system.templates().templates.count == first.templates.count)
        #expect(try system.scheduleCatalog().schedules.count == catalog.schedules.count)
        #expect(try system.makeComposer().library.templates.count == first.templates.count)
        // A fresh system on the same file does read it, and says what is missing.
        let missing = try #require(throws: CompositionError.self) {
            try CrierSystem.open(configuration: config).templates()
        }
        #expect(missing.description.contains("does not exist"), "\(missing)")
    }
}
