import CrierCore
import CrierRuntime
import CrierStore
import CrierStoreDoubles
import Foundation
import Testing

/// Every implementation of the delivery-queue and composition-writes roles; each conformance
/// test runs once per kind.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case sqliteInMemory
    case sqliteFile
    case inMemory

    var testDescription: String {
        switch self {
        case .sqliteInMemory: "SQLite in memory"
        case .sqliteFile: "SQLite file"
        case .inMemory: "InMemoryOutbox"
        }
    }

    /// A fresh, empty store of this kind.
    func make() throws -> StoreUnderTest {
        switch self {
        case .sqliteInMemory:
            return StoreUnderTest(sqlite: try SQLiteOutbox.inMemory(), folder: nil)
        case .sqliteFile:
            let folder = try ScratchFolder()
            return StoreUnderTest(
                sqlite: try SQLiteOutbox(path: folder.url.appendingPathComponent("outbox.sqlite").path),
                folder: folder)
        case .inMemory:
            let store = InMemoryOutbox()
            return StoreUnderTest(
                queue: store, writes: store, folder: nil,
                delivery: { await store.delivery(id: $0) },
                disable: { await store.disableEndpoint($0, reason: $1, now: $2) })
        }
    }
}

/// One store seen through its roles, with the two inspections the roles do not offer.
struct StoreUnderTest: Sendable {
    let queue: any DeliveryQueue
    let writes: any CompositionStore
    /// Keeps a file-backed store's folder until the test ends.
    let folder: ScratchFolder?
    /// One delivery as the store holds it.
    let delivery: @Sendable (Int64) async throws -> DeliveryRecord?
    /// Disables an endpoint as an operator or a 410 would.
    let disable: @Sendable (_ endpoint: String, _ reason: String, _ now: Date) async throws -> Void

    init(
        queue: any DeliveryQueue, writes: any CompositionStore, folder: ScratchFolder?,
        delivery: @escaping @Sendable (Int64) async throws -> DeliveryRecord?,
        disable: @escaping @Sendable (String, String, Date) async throws -> Void
    ) {
        self.queue = queue
        self.writes = writes
        self.folder = folder
        self.delivery = delivery
        self.disable = disable
    }

    init(sqlite: SQLiteOutbox, folder: ScratchFolder?) {
        self.init(
            queue: sqlite, writes: sqlite, folder: folder, delivery: { try sqlite.delivery(id: $0) },
            disable: { try sqlite.disableEndpoint($0, reason: $1, now: $2) })
    }

    /// Writes `message` with `deliveries`, and an English webhook rendition.
    @discardableResult
    func enqueue(_ message: MessageRecord, _ deliveries: [NewDelivery], now: Date? = nil) async throws -> Int {
        try await writes.enqueue(
            message, renditions: [Rendition(messageID: message.id, channel: .webhook, locale: "en")],
            deliveries: deliveries, now: now ?? message.createdAt)
    }

    /// The delivery `id`, which must exist.
    func required(_ id: Int64) async throws -> DeliveryRecord {
        try #require(try await delivery(id))
    }
}

/// A fresh folder under the system's temporary directory, removed when the value is released.
final class ScratchFolder: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("crier-conformance-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Builders for what the conformance tests write.
enum Given {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    static func message(_ id: String, priority: Priority = .normal, state: MessageState = .queued, at: Date = t0)
        -> MessageRecord
    {
        MessageRecord(
            id: id, template: "scam-warning", topic: "scams", areas: ["central"], priority: priority, state: state,
            headline: "Courier fraud in Central", proposedBy: "scheduler", createdAt: at)
    }

    static func webhook(_ endpoint: String, _ path: String = "hook") -> NewDelivery {
        NewDelivery(
            channel: .webhook, destination: "https://\(endpoint).example.org/\(path)", route: endpoint,
            endpointID: endpoint)
    }

    static func email(_ address: String) -> NewDelivery {
        NewDelivery(channel: .email, destination: address, route: "email", recipientName: "Resident")
    }

    static func result(
        _ delivery: DeliveryRecord, _ outcome: DeliveryOutcome, _ action: DeliveryStateMachine.Action,
        at: Date = t0, owner: String = "w"
    ) -> AttemptResult {
        AttemptResult(
            deliveryID: delivery.id, attempt: delivery.attempts + 1, claim: delivery.claims, leaseOwner: owner,
            startedAt: at, finishedAt: at, outcome: outcome, action: action)
    }
}
