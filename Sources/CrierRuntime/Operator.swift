import Foundation

/// Who is at the keyboard: `--operator`, else `$CRIER_OPERATOR`, else the login user.
///
/// The two-person rule binds only as far as these identities do: Crier records them, it does
/// not authenticate them.
public enum Operator {
    /// The operator's name for the audit log.
    public static func current(_ explicit: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        let environment = ProcessInfo.processInfo.environment
        if let name = environment["CRIER_OPERATOR"], !name.isEmpty { return name }
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return user }
        return NSUserName()
    }
}
