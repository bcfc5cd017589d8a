import CrierCore
import CrierStore
import Foundation
import Synchronization

/// Imports a residents CSV in one pass over the file, all or nothing.
///
/// One thread checks rows while this one writes the rows already accepted, inside a single
/// transaction, so checking and SQLite's work overlap on two cores and memory holds a few
/// batches rather than the whole file. The transaction commits only when the whole file is
/// acceptable, or, with `skipInvalid`, with every good row; otherwise it rolls back and nothing
/// is imported.
struct SubscriberImporter: Sendable {
    /// What an import did.
    struct Outcome: Sendable {
        /// False when bad rows stopped the import: nothing was written.
        let imported: Bool
        let inserted: Int
        let updated: Int
        /// Every bad row, in file order.
        let problems: [SubscriberImport.Problem]
        /// Good rows not imported because their address is suppressed, in file order.
        var withheld: [SubscriberImport.Withheld] = []
    }

    let outbox: any SubscriberRoster
    let areas: Set<String>
    let topics: Set<String>
    /// Rows handed over at a time.
    let batchSize: Int

    init(outbox: any SubscriberRoster, areas: Set<String>, topics: Set<String>) {
        self.init(outbox: outbox, areas: areas, topics: topics, batchSize: 2048)
    }

    init(outbox: any SubscriberRoster, areas: Set<String>, topics: Set<String>, batchSize: Int) {
        self.outbox = outbox
        self.areas = areas
        self.topics = topics
        self.batchSize = batchSize
    }

    /// Imports `text` (the contents of `file`). Throws when the file is not a residents CSV at all
    /// or the database fails; bad rows are reported in the outcome.
    func importCSV(_ text: String, file: String, skipInvalid: Bool, now: Date) throws -> Outcome {
        let suppressed = try outbox.suppressionsByHash()
        return try importRows(file: file, skipInvalid: skipInvalid, now: now) { accept, refuse, withhold in
            try SubscriberImport.check(
                text, file: file, areas: areas, topics: topics, suppressed: suppressed, accept: accept, refuse: refuse,
                withhold: withhold)
        }
    }

    /// Imports the CSV file at path `file`, reading it a chunk at a time: memory stays flat
    /// whatever the file's size. Throws as `importCSV(_:file:...)` does, and when the file cannot be read.
    func importCSV(file: String, skipInvalid: Bool, now: Date) throws -> Outcome {
        let url = URL(fileURLWithPath: file)
        let suppressed = try outbox.suppressionsByHash()
        return try importRows(file: file, skipInvalid: skipInvalid, now: now) { accept, refuse, withhold in
            try SubscriberImport.check(
                contentsOf: url, file: file, areas: areas, topics: topics, suppressed: suppressed, accept: accept,
                refuse: refuse, withhold: withhold)
        }
    }

    /// Runs `check` on its own thread, writing the rows it accepts on this one.
    private func importRows(
        file: String, skipInvalid: Bool, now: Date,
        check:
            @escaping @Sendable (
                _ accept: (SubscriberInput) -> Void, _ refuse: (SubscriberImport.Problem) -> Void,
                _ withhold: (SubscriberImport.Withheld) -> Void
            ) throws -> Void
    ) throws -> Outcome {
        let pipe = RowPipe()
        let checked = CheckResult()
        let checker = Thread { [batchSize] in
            defer { checked.done.signal() }
            var batch: [SubscriberInput] = []
            batch.reserveCapacity(batchSize)
            var problems: [SubscriberImport.Problem] = []
            var withheld: [SubscriberImport.Withheld] = []
            do {
                try check(
                    { row in
                        batch.append(row)
                        if batch.count == batchSize {
                            pipe.send(batch)
                            batch.removeAll(keepingCapacity: true)
                        }
                    },
                    { problem in
                        if problems.isEmpty && !skipInvalid { pipe.abandon() }
                        problems.append(problem)
                    },
                    { withheld.append($0) })
                pipe.send(batch)
                pipe.finish()
                checked.state.withLock { $0 = .success((problems, withheld)) }
            } catch {
                pipe.abandon()
                let failure = error as? ImportError ?? ImportError.failed(file: file, reason: "\(error)")
                checked.state.withLock { $0 = .failure(failure) }
            }
        }
        checker.start()

        var written: (inserted: Int, updated: Int)?
        do {
            written = try outbox.upsertSubscribers(batches: { try pipe.receive() }, now: now)
        } catch is RowPipe.Abandoned {
            written = nil
        } catch {
            pipe.stopReading()
            checked.done.wait()
            throw error
        }
        checked.done.wait()
        let (problems, withheld) = try checked.state.withLock { $0 }.get()
        return Outcome(
            imported: written != nil, inserted: written?.inserted ?? 0, updated: written?.updated ?? 0,
            problems: problems, withheld: withheld)
    }
}

/// What the checking thread found, read once it has signalled `done`.
private final class CheckResult: Sendable {
    let state = Mutex<Result<([SubscriberImport.Problem], [SubscriberImport.Withheld]), ImportError>>(
        .success(([], [])))
    let done = DispatchSemaphore(value: 0)
}
