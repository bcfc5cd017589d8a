import Foundation
import Synchronization

/// The one writer of standard error: log lines, and while `--wait` follows an alert, its progress line.
///
/// On a terminal the progress line is redrawn in place, cut to the terminal's width (never wrapped),
/// and cleared before any log line is written, then drawn again below it. Elsewhere (a pipe, a
/// file, a journal) progress is a plain line, written only when it changed and at most every
/// `plainInterval` seconds, so a relay that stays down for hours does not fill the log.
final class StatusLine: Sendable {
    /// Standard error's writer for this process.
    static let shared = StatusLine(descriptor: 2)

    private struct State {
        /// The progress line drawn on the terminal now, if any.
        var drawn: String?
        /// A plain line not yet written because the last one was too recent.
        var waiting: String?
        var lastPlain: String?
        var lastPlainAt = Date.distantPast
    }

    private let descriptor: Int32
    /// Whether standard error is a terminal (progress redrawn in place).
    let isTerminal: Bool
    /// Seconds between two plain progress lines.
    let plainInterval: Double
    private let state = Mutex(State())

    init(descriptor: Int32, plainInterval: Double = 3) {
        self.descriptor = descriptor
        self.isTerminal = isatty(descriptor) != 0
        self.plainInterval = plainInterval
    }

    /// Writes one log line (ending in a newline), moving the progress line out of its way.
    func log(_ text: String) {
        state.withLock { state in
            if state.drawn != nil { write("\r\u{1B}[2K") }
            write(text)
            if let drawn = state.drawn { write(drawn) }
        }
    }

    /// Shows `line` as the current progress; `force` writes a plain line even if it is too soon.
    func show(_ line: String, force: Bool = false) {
        let now = Date()
        state.withLock { state in
            if isTerminal {
                let fitted = Self.fit(line, width: Self.terminalWidth(descriptor))
                guard fitted != state.drawn else { return }
                write("\r\u{1B}[2K" + fitted)
                state.drawn = fitted
                return
            }
            let fitted = Self.fit(line, width: Self.environmentWidth())
            if fitted == state.lastPlain {
                state.waiting = nil
                return
            }
            guard force || now.timeIntervalSince(state.lastPlainAt) >= plainInterval else {
                state.waiting = fitted
                return
            }
            write(fitted + "\n")
            state.lastPlain = fitted
            state.lastPlainAt = now
            state.waiting = nil
        }
    }

    /// Ends the progress display: the last line stays on the terminal, and the cursor moves below it.
    func finish() {
        state.withLock { state in
            // Drawn again, so whatever the terminal echoed over it (a ^C) is gone.
            if let drawn = state.drawn { write("\r\u{1B}[2K" + drawn + "\n") }
            state.drawn = nil
            if let waiting = state.waiting { write(waiting + "\n") }
            state.waiting = nil
        }
    }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// `line` on one line of at most `width` characters (control characters become spaces).
    static func fit(_ line: String, width: Int?) -> String {
        let flat = String(line.map { $0.isNewline || ($0.asciiValue ?? 32) < 32 ? " " : $0 })
        guard let width, flat.count > width else { return flat }
        guard width > 1 else { return String(flat.prefix(max(0, width))) }
        return String(flat.prefix(width - 1)) + "…"
    }

    /// The terminal's width in columns: TIOCGWINSZ, else $COLUMNS, else 80; one less, so the cursor never wraps.
    static func terminalWidth(_ descriptor: Int32) -> Int {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) - 1 }
        return (environmentWidth() ?? 80) - 1
    }

    /// $COLUMNS, when set to a usable number.
    static func environmentWidth() -> Int? {
        ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 10 ? $0 : nil }
    }
}
