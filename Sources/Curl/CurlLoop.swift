import CCurl
import Foundation
import Synchronization

/// The one multi handle and the dedicated thread that drives it.
///
/// Callers hand transfers over through a locked inbox and `curl_multi_wakeup`; only the loop thread
/// touches the multi handle and the transfers in flight, so no blocking curl call runs on the
/// cooperative pool.
final class CurlLoop: @unchecked Sendable {
    private struct Inbox {
        var pending: [CurlTransfer] = []
        var stopping = false
        var stopped = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    /// Starts the loop thread. No per-host or total connection cap is set (both stay 0, no limit):
    /// a capped transfer would wait inside libcurl, unaccounted and unbounded by any timeout.
    init(maxIdleConnections: Int) throws(CurlError) {
        CurlGlobal.ensureInitialized()
        guard let multi = curl_multi_init() else {
            throw CurlError(code: 0, kind: .other, message: "curl_multi_init failed (out of memory?)")
        }
        self.multi = multi
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 0)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 0)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(4, maxIdleConnections))
        let thread = Thread { [self] in run() }
        thread.name = "curl-multi"
        thread.start()
    }

    /// Hands a transfer to the loop; false when the loop is shutting down.
    func submit(_ transfer: CurlTransfer) -> Bool {
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.stopping else { return false }
            inbox.pending.append(transfer)
            return true
        }
        if accepted { wake() }
        return accepted
    }

    /// Wakes the loop (a new transfer, a cancellation, a shutdown).
    func wake() {
        _ = curl_multi_wakeup(multi)
    }

    /// Asks the loop to stop without waiting.
    func requestStop() {
        inbox.withLock { $0.stopping = true }
        wake()
    }

    /// Stops the loop, failing transfers still in flight, and returns once the thread has finished.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyStopped = inbox.withLock { inbox -> Bool in
                inbox.stopping = true
                if inbox.stopped { return true }
                inbox.stopWaiters.append(continuation)
                return false
            }
            if alreadyStopped { continuation.resume() } else { wake() }
        }
    }

    private func run() {
        while true {
            let (incoming, stopping) = inbox.withLock { inbox -> ([CurlTransfer], Bool) in
                let taken = inbox.pending
                inbox.pending = []
                return (taken, inbox.stopping)
            }
            if stopping {
                finishAll(incoming)
                break
            }
            for transfer in incoming {
                let code = curl_multi_add_handle(multi, transfer.easy)
                if code == CURLM_OK {
                    active[transfer.easy] = transfer
                } else {
                    let text = String(cString: curl_multi_strerror(code))
                    transfer.fail(.failure(CurlError(code: Int(code.rawValue), kind: .other, message: text)))
                }
            }
            for (easy, transfer) in active where transfer.cancelled.load(ordering: .relaxed) {
                curl_multi_remove_handle(multi, easy)
                active[easy] = nil
                transfer.fail(.failure(CurlError(code: 0, kind: .cancelled, message: "transfer cancelled")))
            }
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                if let transfer = active.removeValue(forKey: easy) {
                    transfer.complete(with: code)
                }
            }
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        curl_multi_cleanup(multi)
        let waiters = inbox.withLock { inbox -> [CheckedContinuation<Void, Never>] in
            inbox.stopped = true
            let waiters = inbox.stopWaiters
            inbox.stopWaiters = []
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func finishAll(_ incoming: [CurlTransfer]) {
        let stopped = CurlError(code: 0, kind: .shutdown, message: "the transfer client was shut down")
        for (easy, transfer) in active {
            curl_multi_remove_handle(multi, easy)
            transfer.fail(.failure(stopped))
        }
        active = [:]
        for transfer in incoming { transfer.fail(.failure(stopped)) }
    }
}
