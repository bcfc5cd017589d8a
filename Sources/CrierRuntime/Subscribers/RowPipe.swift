import CrierStore
import Foundation

/// A bounded hand-over of accepted rows from the thread that checks an import file to the thread
/// that writes them, so the two run side by side and memory holds a few batches, not the file.
///
/// The checker `send`s batches and `finish`es; the writer `receive`s until nil. Either side can
/// stop the other: the checker `abandon`s when a bad row means nothing may be imported (the
/// writer's next `receive` throws `Abandoned`), and the writer `stopReading`s when writing fails
/// (the checker's next `send` returns false).
final class RowPipe: @unchecked Sendable {
    /// Thrown to the writer: the file must not be imported.
    struct Abandoned: Error {}

    private let condition = NSCondition()
    private let capacity: Int
    // Guarded by `condition`.
    private var batches: [[SubscriberInput]] = []
    private var finished = false
    private var abandoned = false
    private var readerStopped = false

    init(capacity: Int = 4) {
        self.capacity = capacity
    }

    /// Waits for room, then hands `batch` over; false once the writer has stopped or the import
    /// was abandoned (the checker need send nothing more).
    @discardableResult
    func send(_ batch: [SubscriberInput]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !readerStopped && !abandoned {
            condition.wait()
        }
        guard !readerStopped && !abandoned else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// No more rows will come.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Nothing may be imported: the writer rolls back at its next `receive`.
    func abandon() {
        condition.lock()
        abandoned = true
        condition.broadcast()
        condition.unlock()
    }

    /// The writer will read no more (it failed); unblocks the checker.
    func stopReading() {
        condition.lock()
        readerStopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for it; nil once every row is delivered. Throws `Abandoned` when
    /// the import was abandoned.
    func receive() throws(Abandoned) -> [SubscriberInput]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished && !abandoned {
            condition.wait()
        }
        if abandoned { throw Abandoned() }
        guard !batches.isEmpty else { return nil }
        let batch = batches.removeFirst()
        condition.broadcast()
        return batch
    }
}
