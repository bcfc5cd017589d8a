import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SQLiteOutbox {
    /// Owner read and write only: the outbox holds residents' addresses.
    static let fileMode: mode_t = 0o600

    /// Creates the parent folder and an empty owner-only file, so SQLite never creates it with the umask.
    static func prepareFile(at url: URL) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw OutboxStoreError.openFailed(
                path: url.path, reason: "cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
        let descriptor = open(url.path, O_CREAT | O_WRONLY | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else {
            throw OutboxStoreError.openFailed(path: url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        // A file this process just created is narrowed to owner-only even under a loose umask;
        // an existing file keeps the mode its owner chose.
        if fstat(descriptor, &status) == 0, status.st_size == 0, fchmod(descriptor, fileMode) != 0 {
            throw OutboxStoreError.openFailed(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    /// Narrows SQLite's `-wal` and `-shm` companions to owner-only (SQLite copies the database's mode,
    /// this makes sure of it for files left by an older run).
    static func restrictSidecarFiles(of url: URL) throws {
        for suffix in ["-wal", "-shm"] {
            let sidecar = url.path + suffix
            guard FileManager.default.fileExists(atPath: sidecar) else { continue }
            if chmod(sidecar, fileMode) != 0 {
                throw OutboxStoreError.openFailed(path: sidecar, reason: String(cString: strerror(errno)))
            }
        }
    }
}
