import Foundation
import Logging

/// A log handler that writes StreamLogHandler's format through `StatusLine`, so log lines and the
/// `--wait` progress line never mix on a terminal.
struct StatusLineLogHandler: LogHandler {
    let label: String
    let output: StatusLine
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let details = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        output.log(
            "\(Self.timestamp()) \(event.level) \(label) :\(details.isEmpty ? "" : " \(details)") "
                + "[\(event.source)] \(event.message)\n")
    }

    /// Local time as `2026-03-29T01:59:59+0000`, like StreamLogHandler.
    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [Int8](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
