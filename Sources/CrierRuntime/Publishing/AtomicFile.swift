import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that no reader ever sees it half-written, and only when its bytes change.
///
/// The bytes go to a temporary file in the same folder, are flushed to disk (`fsync`), and then
/// replace the target with `rename`, which is atomic on POSIX file systems; the folder is synced too.
enum AtomicFile {
    /// Writes `data` to `url` unless the file already holds exactly these bytes; true when it wrote.
    static func write(_ data: Data, to url: URL) throws -> Bool {
        if let existing = try? Data(contentsOf: url), existing == data { return false }
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

    /// Creates `url` and its parents when missing.
    static func makeFolder(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw PublishError.writeFailed(path: url.path, reason: error.localizedDescription)
        }
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
