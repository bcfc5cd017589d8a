public import Foundation

/// Two fresh network namespaces joined by a veth pair, for tests that need addresses other than loopback.
///
/// Nothing in them can reach beyond the pair: the server side holds every address the test asks for,
/// the client side routes everything to it, and neither has another interface. Deleted by name when released.
public final class NetworkNamespaces: @unchecked Sendable {
    /// The client side's own address, and the server side's address on the link.
    public static let clientAddress = "100.128.77.2"
    public static let linkAddress = "100.128.77.1"

    /// Where crier runs.
    public let client: String
    /// Where the test servers run.
    public let server: String

    /// Whether this machine lets tests make namespaces (root, with `ip` and `unshare` installed).
    public static var isAvailable: Bool {
        getuid() == 0 && ipTool != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")
    }

    private static let ipTool: String? = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Makes both namespaces; `serverAddresses` (IPv4, each a /32) are added to the server side too.
    public init(serverAddresses: [String] = []) throws {
        let tag = String(UUID().uuidString.prefix(6)).lowercased()
        client = "crier-c-\(tag)"
        server = "crier-s-\(tag)"
        do {
            try Self.ip(["netns", "add", server])
            try Self.ip(["netns", "add", client])
            try Self.ip([
                "link", "add", "cr\(tag)s", "netns", server, "type", "veth", "peer", "name", "cr\(tag)c",
                "netns", client,
            ])
            for namespace in [server, client] { try Self.ip(["-n", namespace, "link", "set", "lo", "up"]) }
            try Self.ip(["-n", server, "addr", "add", "\(Self.linkAddress)/30", "dev", "cr\(tag)s"])
            for address in serverAddresses {
                try Self.ip(["-n", server, "addr", "add", "\(address)/32", "dev", "cr\(tag)s"])
            }
            try Self.ip(["-n", client, "addr", "add", "\(Self.clientAddress)/30", "dev", "cr\(tag)c"])
            try Self.ip(["-n", server, "link", "set", "cr\(tag)s", "up"])
            try Self.ip(["-n", client, "link", "set", "cr\(tag)c", "up"])
            try Self.ip(["-n", client, "route", "add", "default", "via", Self.linkAddress, "dev", "cr\(tag)c"])
        } catch {
            remove()
            throw error
        }
    }

    deinit {
        remove()
    }

    private func remove() {
        for namespace in [client, server] { try? Self.ip(["netns", "del", namespace]) }
    }

    /// The command prefix that runs a program inside `namespace`, for `/usr/bin/env`.
    public static func exec(in namespace: String) -> [String] {
        [ipTool ?? "ip", "netns", "exec", namespace]
    }

    /// The command prefix that runs a program on the client side, seeing `hosts` as its `/etc/hosts`.
    ///
    /// The file is bind-mounted in a private mount namespace, so the machine's own `/etc/hosts` is untouched.
    public func clientLauncher(hosts: URL) -> [String] {
        Self.exec(in: client) + [
            "/usr/bin/unshare", "-m", "/bin/sh", "-c", "mount --bind \"$0\" /etc/hosts && exec \"$@\"", hosts.path,
        ]
    }

    /// Why an `ip` command failed.
    public struct CommandError: Error, CustomStringConvertible {
        public let description: String
    }

    private static func ip(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ipTool ?? "/usr/sbin/ip")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError(
                description: "ip \(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
        }
    }
}
