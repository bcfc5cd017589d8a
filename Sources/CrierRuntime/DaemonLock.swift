import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The advisory lock that lets one `crier run` at a time deliver from a database.
///
/// An exclusive `flock` on `<database>.lock`, beside the database, holding the PID of the process
/// that has it. The kernel drops the lock when that process exits in any way (even `kill -9`), so
/// a lock file left behind by a killed process never blocks a restart; the file itself stays.
/// Commands that deliver in-process beside a daemon (`crier alert --wait`) do not take it: leases
/// keep them apart.
public final class DaemonLock: Sendable {
    /// Why the lock could not be taken.
    public struct Failure: Error, CustomStringConvertible {
        /// The lock file.
        public let path: String
        /// The process that holds it, when the file names one.
        public let holder: Int32?
        /// What went wrong, when it was not another holder.
        public let problem: String?

        public var description: String {
            if let problem { return "cannot lock \(path): \(problem)" }
            let who = holder.map { "PID \($0)" } ?? "a process"
            return "the database is in use by another crier run (\(who) holds \(path)); stop it first"
        }
    }

    /// The lock file's path.
    public let path: String
    private let descriptor: Int32

    /// The lock file for the database at `databasePath`.
    public static func path(forDatabase databasePath: String) -> String { databasePath + ".lock" }

    /// Takes the lock for the database at `databasePath` without waiting, and writes this PID in the
    /// file; throws `Failure` naming the holder's PID when another process has it.
    public init(databasePath: String) throws(Failure) {
        let path = Self.path(forDatabase: databasePath)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(path: path, holder: nil, problem: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let holder = Self.readPID(descriptor)
            close(descriptor)
            if reason == EWOULDBLOCK {
                throw Failure(path: path, holder: holder, problem: nil)
            }
            throw Failure(path: path, holder: nil, problem: String(cString: strerror(reason)))
        }
        let text = Array("\(getpid())\n".utf8)
        let written = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        if written != text.count || ftruncate(descriptor, off_t(text.count)) != 0 {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(path: path, holder: nil, problem: "writing the PID failed: \(reason)")
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)  // releases the flock; the file stays for the next run to reuse
    }

    /// The PID written in the lock file, if it holds one.
    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}
