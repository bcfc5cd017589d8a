extension SystemMetrics {
    /// Bounces, suppressed addresses and waiting sign-ups, read from the store at each scrape (they
    /// change in any process: `crier bounces scan`, the API, the pages); empty if the store fails.
    ///
    /// | metric | type | labels |
    /// |---|---|---|
    /// | `crier_bounces_total` | counter | `kind`: hard, soft, complaint |
    /// | `crier_suppressed_addresses` | gauge | `reason`: unsubscribed, forgotten, hard-bounce, complaint, soft-bounces |
    /// | `crier_signups_pending` | gauge | |
    func residentsExposition() -> String {
        guard let counts = try? BounceDesk(system: system).counts() else { return "" }
        var lines = [
            "# HELP crier_bounces_total Bounces and complaints recorded, by kind.",
            "# TYPE crier_bounces_total counter",
        ]
        for kind in ["hard", "soft", "complaint"] {
            lines.append("crier_bounces_total{kind=\"\(kind)\"} \(counts.bounces[kind, default: 0])")
        }
        lines += [
            "# HELP crier_suppressed_addresses Addresses not re-subscribed without their own confirmation, by reason.",
            "# TYPE crier_suppressed_addresses gauge",
        ]
        for reason in counts.suppressions.keys.sorted() {
            lines.append("crier_suppressed_addresses{reason=\"\(reason)\"} \(counts.suppressions[reason, default: 0])")
        }
        lines += [
            "# HELP crier_signups_pending Sign-ups waiting for their confirmation.",
            "# TYPE crier_signups_pending gauge",
            "crier_signups_pending \(counts.pendingSignups)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
