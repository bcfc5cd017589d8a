import CrierCore
import CrierStore
import Foundation
import Testing

@testable import CrierRuntime

/// News items in areas' bulletins: carried once by the next bulletin of their area, never after
/// they expire, and refused field by field when they break a rule.
@Suite("bulletin news items")
struct BulletinItemTests {
    typealias Support = ScheduleTestSupport

    @Test("the next bulletin of the area carries its items once; an expired item is never carried")
    func carriedOnce() async throws {
        let (system, clock) = try Support.system(at: Support.utc("2026-06-08T07:59:00Z"))
        let desk = BulletinDesk(system: system)
        let kept = try desk.add(
            BulletinItemDraft(
                area: "west", title: "Drop-in at the library", body: "Saturday 10:00 to 12:00.",
                link: "https://example.org/drop-in"),
            actor: "partner nlink")
        let expiring = try desk.add(
            BulletinItemDraft(
                area: "west", title: "Gone before Monday", body: "Expires first.", expires: "2026-06-08T07:59:30Z"),
            actor: "alice")
        let east = try desk.add(
            BulletinItemDraft(area: "east", title: "East news", body: "For the east only."), actor: "alice")

        let bulletin = try Support.schedule("bulletin", "kind: bulletin\nareas: [west, east]\ncron: \"0 9 * * MON\"")
        clock.set(Support.utc("2026-06-08T08:00:00Z"))  // Monday 09:00 BST, no advice sent this week
        let first = try await Support.scheduler(system, [bulletin]).tick()
        #expect(first.fired.map(\.slotKey).sorted() == ["2026-06-08T09:00+01:00/east", "2026-06-08T09:00+01:00/west"])

        let westID = try #require(first.fired.first { $0.slotKey.hasSuffix("/west") }?.messageID)
        let west = try #require(try system.outbox.message(id: westID))
        #expect(west.variablesJSON.contains("Drop-in at the library"))
        #expect(west.variablesJSON.contains("https:"))
        #expect(!west.variablesJSON.contains("Gone before Monday"))
        #expect(!west.variablesJSON.contains("East news"))

        let items = Dictionary(uniqueKeysWithValues: try desk.list(area: nil).map { ($0.id, $0) })
        #expect(items[kept.id]?.carriedBy == westID)
        #expect(items[expiring.id]?.carriedBy == nil)
        #expect(items[east.id]?.carriedBy == first.fired.first { $0.slotKey.hasSuffix("/east") }?.messageID)

        clock.set(Support.utc("2026-06-15T08:00:00Z"))  // the next Monday: nothing new anywhere
        let second = try await Support.scheduler(system, [bulletin]).tick()
        #expect(second.fired.isEmpty)
        #expect(second.skipped.count == 2)

        let audit = try system.outbox.audit(since: nil).filter { $0.action == "bulletin-item-add" }
        #expect(audit.map(\.actor) == ["partner nlink", "alice", "alice"])
    }

    @Test(
        "a bad item is refused naming its field",
        arguments: [
            (BulletinItemDraft(area: "north", title: "t", body: "b"), "area"),
            (BulletinItemDraft(area: "city", title: "t", body: "b"), "area"),
            (BulletinItemDraft(area: "west", title: "  ", body: "b"), "title"),
            (BulletinItemDraft(area: "west", title: "two\nlines", body: "b"), "title"),
            (BulletinItemDraft(area: "west", title: String(repeating: "x", count: 201), body: "b"), "title"),
            (BulletinItemDraft(area: "west", title: "t", body: ""), "body"),
            (BulletinItemDraft(area: "west", title: "t", body: "bell\u{07}"), "body"),
            (BulletinItemDraft(area: "west", title: "t", body: "b", link: "javascript:alert(1)"), "link"),
            (BulletinItemDraft(area: "west", title: "t", body: "b", link: "ftp://example.org/x"), "link"),
            (BulletinItemDraft(area: "west", title: "t", body: "b", link: "https://exa mple.org"), "link"),
            (BulletinItemDraft(area: "west", title: "t", body: "b", expires: "soon"), "expires"),
            (BulletinItemDraft(area: "west", title: "t", body: "b", expires: "2026-06-01"), "expires"),
        ])
    func refused(draft: BulletinItemDraft, field: String) throws {
        let (system, _) = try Support.system(at: Support.utc("2026-06-08T07:59:00Z"))
        #expect(throws: BulletinItemError.self) { try BulletinDesk(system: system).add(draft, actor: "alice") }
        do {
            _ = try BulletinDesk(system: system).add(draft, actor: "alice")
        } catch let error as BulletinItemError {
            #expect(error.field == field, "\(error)")
        }
        #expect(try system.outbox.bulletinItems(area: nil).isEmpty)
    }

    @Test("a date expires at the end of that day in the installation's zone; multi-line bodies are kept")
    func expiryAndBody() throws {
        let (system, _) = try Support.system(at: Support.utc("2026-06-08T07:59:00Z"))
        let item = try BulletinDesk(system: system).add(
            BulletinItemDraft(area: "west", title: "t", body: "line one\r\nline two", expires: "2026-06-09"),
            actor: "alice")
        #expect(item.expires == Support.utc("2026-06-09T23:00:00Z"))  // midnight BST
        #expect(item.body == "line one\nline two")
    }
}
