/// Why an operator's action on an alert (propose, approve, reject, update, cancel) was refused:
/// the alert does not exist, is in the wrong phase, has expired, or the request is incomplete.
public struct AlertDeskError: BadInput, Equatable {
    private enum Code: Equatable, Sendable {
        case unknownAlert(String)
        case missingReason(verb: String)
        case cancellingANotice(String)
        case notAwaitingApproval(String, phase: String)
        case selfApproval(String, operatorName: String)
        case correctedAlertGone(update: String, corrected: String, reason: String)
        case notAnOriginal(String, kind: String, original: String)
        case cannotUpdate(String, reason: String)
        case noVariables
        case noRecipients(String)
        case illegalTransition(String, verb: String, reason: String)
        case expired(String, at: String, action: String)
        case nonPositiveExpiry
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// No alert has this id.
    public static func unknownAlert(_ id: String) -> AlertDeskError { AlertDeskError(.unknownAlert(id)) }

    /// `--reason` is empty; `verb` is what the action does (`cancelled`, `rejected`).
    public static func missingReason(verb: String) -> AlertDeskError { AlertDeskError(.missingReason(verb: verb)) }

    /// The alert is itself a cancellation notice.
    public static func cancellingANotice(_ id: String) -> AlertDeskError { AlertDeskError(.cancellingANotice(id)) }

    /// Approve or reject on an alert that is not held.
    public static func notAwaitingApproval(_ id: String, phase: String) -> AlertDeskError {
        AlertDeskError(.notAwaitingApproval(id, phase: phase))
    }

    /// The proposer tried to approve their own alert (two-person rule).
    public static func selfApproval(_ id: String, operatorName: String) -> AlertDeskError {
        AlertDeskError(.selfApproval(id, operatorName: operatorName))
    }

    /// An update cannot be released because the alert it corrects no longer stands.
    public static func correctedAlertGone(update: String, corrected: String, reason: String) -> AlertDeskError {
        AlertDeskError(.correctedAlertGone(update: update, corrected: corrected, reason: reason))
    }

    /// Update asked of an update or a cancellation; `kind` is `an update` or `a cancellation`.
    public static func notAnOriginal(_ id: String, kind: String, original: String) -> AlertDeskError {
        AlertDeskError(.notAnOriginal(id, kind: kind, original: original))
    }

    /// The alert's phase does not allow an update.
    public static func cannotUpdate(_ id: String, reason: String) -> AlertDeskError {
        AlertDeskError(.cannotUpdate(id, reason: reason))
    }

    /// An update without any `--var`.
    public static let noVariables = AlertDeskError(.noVariables)

    /// Every delivery of the alert was withdrawn or dead, so there is nobody to correct.
    public static func noRecipients(_ id: String) -> AlertDeskError { AlertDeskError(.noRecipients(id)) }

    /// The store refused the lifecycle event; `verb` is what the event does (`approved`, `cancelled`).
    public static func illegalTransition(_ id: String, verb: String, reason: String) -> AlertDeskError {
        AlertDeskError(.illegalTransition(id, verb: verb, reason: reason))
    }

    /// The alert expired (at the local time `at`) and cannot have `action` done to it.
    public static func expired(_ id: String, at: String, action: String) -> AlertDeskError {
        AlertDeskError(.expired(id, at: at, action: action))
    }

    /// `--expires` is zero or negative.
    public static let nonPositiveExpiry = AlertDeskError(.nonPositiveExpiry)

    public var description: String {
        switch code {
        case .unknownAlert(let id):
            "no alert \"\(id)\" (see `crier alerts list`)"
        case .missingReason(let verb):
            "--reason: say why the alert is \(verb)"
        case .cancellingANotice(let id):
            "\(id) is itself a cancellation notice; it cannot be cancelled"
        case .notAwaitingApproval(let id, let phase):
            "alert \(id) is not awaiting approval (it is \(phase))"
        case .selfApproval(let id, let operatorName):
            "\(operatorName) proposed alert \(id) and cannot also approve it: a second operator must "
                + "run `crier approve \(id)` (two-person rule)"
        case .correctedAlertGone(let update, let corrected, let reason):
            "update \(update) cannot be approved: the alert it corrects, \(corrected): \(reason)"
        case .notAnOriginal(let id, let kind, let original):
            "\(id) is \(kind); update the original alert \(original)"
        case .cannotUpdate(let id, let reason):
            "alert \(id) cannot be updated: \(reason)"
        case .noVariables:
            "--var: give at least one variable to correct"
        case .noRecipients(let id):
            "alert \(id) has no recipients to correct (every delivery was withdrawn or dead)"
        case .illegalTransition(let id, let verb, let reason):
            "alert \(id) cannot be \(verb): \(reason) (see `crier alerts show \(id)`)"
        case .expired(let id, let at, let action):
            "alert \(id) expired at \(at); it cannot be \(action) (propose a new alert instead)"
        case .nonPositiveExpiry:
            "--expires: give a duration greater than zero (e.g. 2h)"
        }
    }
}
