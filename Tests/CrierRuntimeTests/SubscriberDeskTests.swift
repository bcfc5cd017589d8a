import CrierCore
import CrierStore
import Foundation
import Testing

@testable import CrierRuntime

@Suite("subscriber desk: every subscribers command as one domain operation")
struct SubscriberDeskTests {
    static let csv = """
        email,name,area,topics,locale
        ann@example.org,Ann,east,all,en
        bob@example.org,Bob,west,scams,pl
        """

    /// An installation with Ann (east) and Bob (west), imported through the desk by `importer`.
    static func installation() throws -> (TestInstallation, SubscriberDesk) {
        let installation = try TestInstallation()
        let file = installation.directory.appendingPathComponent("residents.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let desk = SubscriberDesk(system: installation.system)
        let report = try desk.importCSV(file: file.path, skipInvalid: false, actor: "importer")
        #expect(report.inserted == 2 && report.updated == 0 && report.skipped.isEmpty)
        return (installation, desk)
    }

    @Test func importIsAuditedAndListingsCarryNoToken() throws {
        let (installation, desk) = try Self.installation()
        let audit = try installation.system.outbox.audit(since: nil)
        #expect(audit.map(\.action) == ["subscribers-import"])
        #expect(audit.first?.actor == "importer")
        #expect(audit.first?.detail == "2 new, 0 updated, 0 skipped")
        #expect(try desk.list(area: "west").map(\.email) == ["bob@example.org"])
        let json = String(decoding: try JSONEncoder().encode(try desk.list(area: nil)), as: UTF8.self)
        #expect(!json.contains("unsubscribeToken") && !json.contains("token"), "\(json)")
    }

    @Test func unknownAreaAddressAndTokenAreRefusedByName() throws {
        let (_, desk) = try Self.installation()
        #expect(throws: SubscriberDeskError.unknownArea("north", known: "west, central, south, east")) {
            try desk.list(area: "north")
        }
        #expect(throws: SubscriberDeskError.noSubscriber("nobody@example.org")) {
            try desk.export(email: "nobody@example.org")
        }
        #expect(throws: SubscriberDeskError.noSubscriber("nobody@example.org")) {
            try desk.forget(email: "nobody@example.org", actor: "carol")
        }
        #expect(throws: SubscriberDeskError.unknownToken) { try desk.unsubscribe(token: "not-a-token") }
        #expect(
            SubscriberDeskError.unknownArea("north", known: "west").description
                == "unknown area \"north\" (known: west)")
    }

    @Test func forgetErasesAndAuditsTogether() throws {
        let (installation, desk) = try Self.installation()
        let warning = try desk.forget(email: "ann@example.org", actor: "carol")
        #expect(warning == nil)
        let outbox = installation.system.outbox
        #expect(try outbox.subscriber(email: "ann@example.org") == nil)
        let audit = try outbox.audit(since: nil)
        // The store's own record of the erasure and the operator's line, written in one transaction.
        #expect(audit.map(\.action) == ["subscribers-import", "subscriber.forget", "subscribers-forget"])
        #expect(audit.last?.actor == "carol")
        #expect(!audit.contains { $0.subject.contains("ann@example.org") || $0.detail.contains("ann@example.org") })
    }

    @Test func exportHoldsThePersonAndUnsubscribeHonoursTheirToken() throws {
        let (installation, desk) = try Self.installation()
        let exported = String(
            decoding: try JSONEncoder().encode(try desk.export(email: "bob@example.org")), as: UTF8.self)
        #expect(exported.contains("bob@example.org"), "\(exported)")
        let bob = try #require(try installation.system.outbox.subscriber(email: "bob@example.org"))
        try desk.unsubscribe(token: bob.unsubscribeToken)
        #expect(try desk.list(area: "west").first?.unsubscribed == true)
    }
}
