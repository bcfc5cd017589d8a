import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The operating-system account this process runs as, recorded beside every audit entry's
/// claimed operator name: `uid=1000(alice)`, or `uid=0(root) sudo_user=bob` under sudo.
public enum ProcessUser {
    /// This process's account, described for the audit log.
    public static func current() -> String {
        current(environment: ProcessInfo.processInfo.environment)
    }

    /// The account described with `environment` as this process's environment (for `SUDO_USER`).
    public static func current(environment: [String: String]) -> String {
        let uid = getuid()
        var text = "uid=\(uid)"
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
            text += "(\(String(cString: name)))"
        }
        if let sudoUser = environment["SUDO_USER"], !sudoUser.isEmpty {
            text += " sudo_user=\(InputText.terminalSafe(sudoUser))"
        }
        return text
    }
}
