public import Foundation

/// The published folder (crier.yml `publish.dir`) as the HTTP service sees it: a request path
/// mapped to one regular file inside the folder, or nothing.
///
/// It exists so that the one rule about which files may be served lives in one place: a path
/// with `..`, `.` or hidden segments (encoded or not), a NUL, a backslash, a directory, or a
/// symbolic link leading out of the folder is not served. `/` and any path ending in `/` name
/// the `index.html` in that folder; nothing is ever listed.
public struct PublishedSite: Sendable {
    /// One file that may be served, with what the validators need.
    struct File: Sendable {
        let url: URL
        let size: Int
        let modified: Date
        let identity: UInt64
    }

    /// The folder, symbolic links resolved.
    let root: URL

    /// The site published into `folder` (which need not exist yet: the publisher may create it).
    public init(folder: URL) {
        self.root = folder.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The regular file inside the folder that `path` (as received, percent-encoded) names, or nil.
    func file(for path: String) -> File? {
        guard let relative = Self.segments(of: path) else { return nil }
        var url = root
        for segment in relative { url.appendPathComponent(segment) }
        let resolved = url.resolvingSymlinksInPath().standardizedFileURL
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard resolved.path.hasPrefix(rootPath) else { return nil }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved.path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let size = (attributes[.size] as? NSNumber)?.intValue,
            let modified = attributes[.modificationDate] as? Date
        else { return nil }
        let identity = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        return File(url: resolved, size: size, modified: modified, identity: identity)
    }

    /// The decoded segments `path` names, `index.html` appended for a folder; nil when any segment
    /// is not a plain file or folder name.
    static func segments(of path: String) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        var parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.last?.isEmpty ?? true {
            parts.removeLast()
            parts.append("index.html")
        }
        var decoded: [String] = []
        for part in parts {
            guard let name = part.removingPercentEncoding, !name.isEmpty, !name.hasPrefix("."),
                !name.contains("/"), !name.contains("\\"), !name.contains("\0"),
                !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else { return nil }
            decoded.append(name)
        }
        return decoded
    }
}
