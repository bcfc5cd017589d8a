import CrierCore
public import Foundation

/// What `crier status` reports: the outbox's state and what needs an operator's attention.
public struct SystemStatus: Sendable, Encodable {
    /// One configured endpoint, with secrets kept out.
    public struct EndpointStatus: Sendable, Encodable {
        public let id: String
        public let kind: String
        public let destination: String
        public let disabled: String?
    }

    /// A schedule's next firing, for `status`.
    public struct NextFiring: Sendable, Encodable, Hashable {
        public let schedule: String
        public let localTime: String
        public let utcTime: String
        /// Set when quiet hours hold the slot: the slot's own local time.
        public let heldFrom: String?

        enum CodingKeys: String, CodingKey {
            case schedule
            case localTime = "local_time"
            case utcTime = "utc_time"
            case heldFrom = "held_from"
        }
    }

    /// A slot that passed while Crier was down, beyond the misfire grace: recorded, not sent.
    public struct MissedSlot: Sendable, Encodable, Hashable {
        public let schedule: String
        public let slot: String
        public let recordedAt: Date

        enum CodingKeys: String, CodingKey {
            case schedule, slot
            case recordedAt = "recorded_at"
        }
    }

    public let generatedAt: Date
    public let database: String
    public let deliveries: [String: Int]
    public let oldestPendingSeconds: Double?
    public let deadLetters: Int
    public let endpoints: [EndpointStatus]
    public let emailRelay: String?
    /// The next firing of each active schedule, soonest first.
    public var nextFirings: [NextFiring] = []
    /// The most recent missed slots (newest last), at most `missedShown`.
    public var missedSlots: [MissedSlot] = []
    /// How many slots have been recorded missed in all.
    public var missedSlotCount = 0
    /// One-off schedules whose time had passed when crier first saw them enabled: never sent.
    public var notSentOneOffs: [MissedSlot] = []
    /// Schedule files that are invalid (and so do not fire), one line each.
    public var scheduleProblems: [String] = []
    /// Bounces, suppressed addresses and sign-ups awaiting confirmation.
    public var residents: BounceCounts?

    /// How many missed slots `status` lists.
    public static let missedShown = 20

    /// The status as lines for a terminal.
    public func textReport() -> String {
        var lines = [
            "Crier status at \(ISO8601DateFormatter().string(from: generatedAt))", "database: \(database)",
            "deliveries:",
        ]
        for state in DeliveryState.allCases {
            lines.append(
                "  \(state.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(deliveries[state.rawValue, default: 0])"
            )
        }
        if let oldest = oldestPendingSeconds {
            lines.append("oldest pending: \(Int(oldest)) s")
        } else {
            lines.append("oldest pending: none")
        }
        lines.append(
            "dead letters: \(deadLetters)\(deadLetters > 0 ? " (see `crier deliveries list --state dead`)" : "")")
        if let emailRelay { lines.append("email relay: \(emailRelay)") }
        lines.append("endpoints:")
        if endpoints.isEmpty { lines.append("  none configured") }
        for endpoint in endpoints {
            let flag = endpoint.disabled.map { "  DISABLED: \($0)" } ?? ""
            lines.append("  \(endpoint.id) (\(endpoint.kind)) \(endpoint.destination)\(flag)")
        }
        lines.append("next firings:")
        if nextFirings.isEmpty { lines.append("  none scheduled") }
        for firing in nextFirings {
            let held = firing.heldFrom.map { "  (held by quiet hours from \($0))" } ?? ""
            lines.append("  \(firing.localTime)  \(firing.schedule)\(held)")
        }
        lines.append(
            "missed slots: \(missedSlotCount)\(missedSlotCount > missedSlots.count ? " (latest \(missedSlots.count) shown)" : "")"
        )
        for missed in missedSlots { lines.append("  \(missed.slot)  \(missed.schedule)") }
        if !notSentOneOffs.isEmpty {
            lines.append("one-offs not sent (their time had passed when crier first saw them enabled):")
            for slot in notSentOneOffs { lines.append("  \(slot.slot)  \(slot.schedule)") }
        }
        if !scheduleProblems.isEmpty {
            lines.append("invalid schedules (not firing; see `crier schedules check`):")
            for problem in scheduleProblems { lines.append("  \(problem)") }
        }
        lines += residentLines()
        // Ids, addresses and errors came from input: escape what could forge a line or drive the terminal.
        return lines.map(InputText.terminalSafe).joined(separator: "\n")
    }
}
