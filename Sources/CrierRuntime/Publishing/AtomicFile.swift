import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
#if canImport(CDispatch)
    // Release builds attribute `struct stat`'s members to the C module of Dispatch, which also
    // includes <sys/stat.h>; MemberImportVisibility then wants that module imported.
    import CDispatch
#endif

/// Writes a file so that no reader ever sees it half-written, and only when its bytes change.
///
/// The bytes go to a temporary file in the same folder, are flushed to disk (`fsync`), and then
/// replace the target with `rename`, which is atomic on POSIX file systems; the folder is synced too.
/// Files and folders get the mode asked for, whatever the process's umask (a web server must be
/// able to read them under systemd's `UMask=0077`, and nobody else may write them under `umask 000`).
enum AtomicFile {
    /// Writes `data` to `url` with permissions `mode` unless the file already holds exactly these
    /// bytes (then only its mode is corrected); true when it wrote.
    static func write(_ data: Data, to url: URL, mode: mode_t = 0o644) throws -> Bool {
        if let existing = try? Data(contentsOf: url), existing == data {
            try setMode(mode, of: url)
            return false
        }
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(UInt64.random(in: 1...UInt64.max)).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PublishError.writeFailed(path: temporary.path, reason: errnoText()) }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        do {
            guard fchmod(fd, mode) == 0 else {
                throw PublishError.writeFailed(path: temporary.path, reason: errnoText())
            }
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glue.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw PublishError.writeFailed(path: temporary.path, reason: errnoText())
                    }
                    offset += written
                }
            }
            guard fsync(fd) == 0 else { throw PublishError.writeFailed(path: temporary.path, reason: errnoText()) }
            closed = true
            guard close(fd) == 0 else { throw PublishError.writeFailed(path: temporary.path, reason: errnoText()) }
            guard rename(temporary.path, url.path) == 0 else {
                throw PublishError.writeFailed(path: url.path, reason: errnoText())
            }
        } catch {
            unlink(temporary.path)
            throw error
        }
        syncFolder(folder)
        return true
    }

    /// Creates `url` and its parents when missing, and gives `url` permissions `mode` when this
    /// process owns it (a folder someone else provided keeps theirs).
    static func makeFolder(_ url: URL, mode: mode_t = 0o755) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw PublishError.writeFailed(path: url.path, reason: error.localizedDescription)
        }
        var info = stat()
        guard stat(url.path, &info) == 0, info.st_uid == getuid() else { return }
        try setMode(mode, of: url)
    }

    /// Sets the permission bits of `url` to `mode` when they differ.
    private static func setMode(_ mode: mode_t, of url: URL) throws {
        var info = stat()
        guard stat(url.path, &info) == 0 else { throw PublishError.writeFailed(path: url.path, reason: errnoText()) }
        guard info.st_mode & 0o7777 != mode else { return }
        guard chmod(url.path, mode) == 0 else { throw PublishError.writeFailed(path: url.path, reason: errnoText()) }
    }

    /// Makes the rename durable; a folder that cannot be opened is left to the file system.
    private static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }

    /// The C `write`, named apart from this type's own `write`.
    private enum Glue {
        static func write(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
            #if canImport(Glibc)
                Glibc.write(fd, pointer, count)
            #elseif canImport(Musl)
                Musl.write(fd, pointer, count)
            #else
                Darwin.write(fd, pointer, count)
            #endif
        }
    }
}
