import CrierStore
import Foundation

extension BounceDesk {
    /// Reads every message in the Maildir at `path` (`new/` and `cur/`) and records the bounces
    /// and complaints it finds, reporting per file what it found or why it skipped it.
    ///
    /// A message that was read as a bounce is marked seen (Maildir's `S` flag; moved from `new/`
    /// to `cur/`), so a second scan skips it rather than counting it twice. Messages that are not
    /// bounces are left as they are, for a person to read.
    public func scan(maildir path: String) throws -> MaildirScanReport {
        let root = URL(fileURLWithPath: path)
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        for sub in ["new", "cur"] {
            let folder = root.appendingPathComponent(sub).path
            guard manager.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw MaildirError(path: path, reason: "it has no \(sub)/ folder, so it is not a Maildir")
            }
        }
        // Both folders are listed before anything moves, so a message moved from new/ to cur/ is read once.
        var found: [(sub: String, name: String)] = []
        for sub in ["new", "cur"] {
            let folder = root.appendingPathComponent(sub)
            do {
                let names = try manager.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
                found += names.sorted().map { (sub, $0) }
            } catch {
                throw MaildirError(path: path, reason: "cannot list \(sub)/: \(error.localizedDescription)")
            }
        }
        var files: [MaildirFileReport] = []
        for (sub, name) in found {
            files.append(try scanFile(name, in: sub, root: root))
        }
        return MaildirScanReport(files: files)
    }

    private func scanFile(_ name: String, in sub: String, root: URL) throws -> MaildirFileReport {
        let relative = "\(sub)/\(name)"
        let (base, flags) = Self.split(name)
        if sub == "cur" && flags.contains("S") {
            return MaildirFileReport(file: relative, bounces: [], skipped: "already processed (marked seen)")
        }
        let url = root.appendingPathComponent(sub).appendingPathComponent(name)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return MaildirFileReport(file: relative, bounces: [], skipped: "unreadable: \(error.localizedDescription)")
        }
        guard data.count <= 10 * 1024 * 1024 else {
            return MaildirFileReport(file: relative, bounces: [], skipped: "larger than 10 MiB, not a bounce")
        }
        switch BounceNotification.read(String(decoding: data, as: UTF8.self)) {
        case .notABounce(let why):
            return MaildirFileReport(file: relative, bounces: [], skipped: why)
        case .bounces(let findings):
            var recorded: [RecordedBounce] = []
            for finding in findings {
                recorded.append(
                    try record(
                        BounceReport(
                            email: finding.email, kind: finding.kind, reason: finding.reason,
                            source: "maildir \(base)")))
            }
            let seen = root.appendingPathComponent("cur").appendingPathComponent(
                base + ":2," + String((flags + "S").sorted()))
            do {
                try FileManager.default.moveItem(at: url, to: seen)
            } catch {
                throw MaildirError(
                    path: root.path,
                    reason:
                        "recorded \(relative) but could not mark it seen (\(error.localizedDescription)); move it out before the next scan"
                )
            }
            return MaildirFileReport(file: relative, bounces: recorded, skipped: nil)
        }
    }

    /// A Maildir name's unique part and its flags (`1234.M5.host:2,RS` → `1234.M5.host`, `RS`).
    static func split(_ name: String) -> (base: String, flags: String) {
        guard let range = name.range(of: ":2,") else { return (name, "") }
        return (String(name[..<range.lowerBound]), String(name[range.upperBound...]))
    }
}

/// What `crier bounces scan` did, file by file.
public struct MaildirScanReport: Sendable, Equatable, Encodable {
    public let files: [MaildirFileReport]

    /// Bounces recorded, of every kind.
    public var recorded: Int { files.reduce(0) { $0 + $1.bounces.count } }
    /// Files skipped.
    public var skipped: Int { files.count { $0.skipped != nil } }
}

/// One Maildir file: the bounces recorded from it, or why it was skipped.
public struct MaildirFileReport: Sendable, Equatable, Encodable {
    /// `new/NAME` or `cur/NAME`, as the file was found.
    public let file: String
    public let bounces: [RecordedBounce]
    /// Why nothing was recorded from it; nil when it was read as a bounce.
    public let skipped: String?
}

/// The folder given to `crier bounces scan` is not a usable Maildir.
public struct MaildirError: BadInput, Equatable {
    public let path: String
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
