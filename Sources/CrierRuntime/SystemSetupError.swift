/// Why Crier could not be set up to run or deliver: no configuration file, or secrets and the
/// sender identity the environment must supply are missing or unusable.
public struct SystemSetupError: BadInput, Equatable {
    private enum Code: Equatable, Sendable {
        case noConfiguration(path: String)
        case unusableSigningSecret(reason: String)
        case passwordNotSet(variable: String)
        case unusableSender(reason: String)
        case secretNotSet(endpoint: String, variable: String)
        case secretUnusable(endpoint: String, variable: String, reason: String)
        case undeliverable(problems: [String])
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// No crier.yml at `path`.
    public static func noConfiguration(path: String) -> SystemSetupError {
        SystemSetupError(.noConfiguration(path: path))
    }

    /// A webhook signing secret did not decode.
    public static func unusableSigningSecret(reason: String) -> SystemSetupError {
        SystemSetupError(.unusableSigningSecret(reason: reason))
    }

    /// The relay has a username but `variable`, its password, is not set.
    public static func passwordNotSet(variable: String) -> SystemSetupError {
        SystemSetupError(.passwordNotSet(variable: variable))
    }

    /// `email.from` is not a usable sender.
    public static func unusableSender(reason: String) -> SystemSetupError {
        SystemSetupError(.unusableSender(reason: reason))
    }

    /// An endpoint's signing secret variable is not set.
    public static func secretNotSet(endpoint: String, variable: String) -> SystemSetupError {
        SystemSetupError(.secretNotSet(endpoint: endpoint, variable: variable))
    }

    /// An endpoint's signing secret variable holds something that is not a signing secret.
    public static func secretUnusable(endpoint: String, variable: String, reason: String) -> SystemSetupError {
        SystemSetupError(.secretUnusable(endpoint: endpoint, variable: variable, reason: reason))
    }

    /// What an alert would send cannot be delivered by this process; nothing was queued.
    public static func undeliverable(problems: [String]) -> SystemSetupError {
        SystemSetupError(.undeliverable(problems: problems))
    }

    public var description: String {
        switch code {
        case .noConfiguration(let path):
            "no configuration at \(path) (give --config FILE or set CRIER_CONFIG)"
        case .unusableSigningSecret(let reason):
            "a webhook signing secret is unusable: \(reason)"
        case .passwordNotSet(let variable):
            "email: \(variable) is not set but a username is"
        case .unusableSender(let reason):
            "email.from: \(reason)"
        case .secretNotSet(let endpoint, let variable):
            "endpoint \(endpoint): environment variable \(variable) (its signing secret) is not set"
        case .secretUnusable(let endpoint, let variable, let reason):
            "endpoint \(endpoint): environment variable \(variable) (its signing secret) is unusable: \(reason)"
        case .undeliverable(let problems):
            problems.joined(separator: "; ") + "; nothing was queued"
        }
    }
}
