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

    public let generatedAt: Date
    public let database: String
    public let deliveries: [String: Int]
    public let oldestPendingSeconds: Double?
    public let deadLetters: Int
    public let endpoints: [EndpointStatus]
    public let emailRelay: String?

    /// The status as lines for a terminal.
    public func textReport() -> String {
        var lines = ["Crier status at \(ISO8601DateFormatter().string(from: generatedAt))", "database: \(database)", "deliveries:"]
        for state in DeliveryState.allCases {
            lines.append("  \(state.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(deliveries[state.rawValue, default: 0])")
        }
        if let oldest = oldestPendingSeconds {
            lines.append("oldest pending: \(Int(oldest)) s")
        } else {
            lines.append("oldest pending: none")
        }
        lines.append("dead letters: \(deadLetters)\(deadLetters > 0 ? " (see `crier deliveries list --state dead`)" : "")")
        if let emailRelay { lines.append("email relay: \(emailRelay)") }
        lines.append("endpoints:")
        if endpoints.isEmpty { lines.append("  none configured") }
        for endpoint in endpoints {
            let flag = endpoint.disabled.map { "  DISABLED: \($0)" } ?? ""
            lines.append("  \(endpoint.id) (\(endpoint.kind)) \(endpoint.destination)\(flag)")
        }
        return lines.joined(separator: "\n")
    }
}
