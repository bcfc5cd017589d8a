extension SystemStatus {
    /// The bounce, suppression and sign-up lines of the text report.
    func residentLines() -> [String] {
        guard let residents else { return [] }
        func breakdown(_ counts: [String: Int], order: [String]) -> String {
            order.map { "\($0) \(counts[$0, default: 0])" }.joined(separator: ", ")
        }
        return [
            "bounces: \(residents.totalBounces) (\(breakdown(residents.bounces, order: ["hard", "soft", "complaint"])))",
            "suppressed addresses: \(residents.totalSuppressions) ("
                + breakdown(
                    residents.suppressions,
                    order: ["unsubscribed", "forgotten", "hard-bounce", "complaint", "soft-bounces"]) + ")",
            "sign-ups awaiting confirmation: \(residents.pendingSignups)",
        ]
    }
}
