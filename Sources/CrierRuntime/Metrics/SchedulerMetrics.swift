import Metrics

/// The scheduler's events as `crier_scheduler_slots_total{outcome}`: slots `fired`, `missed`,
/// `skipped` (a bulletin with nothing new) and `held` (fired late because quiet hours held them;
/// these are counted as fired too).
enum SchedulerMetrics {
    /// Counts what one pass did.
    static func record(_ tick: SchedulerTick) {
        count("fired", tick.fired.count)
        count("missed", tick.missed.count + tick.passedBeforeEnabled.count)
        count("skipped", tick.skipped.count)
    }

    /// Counts one slot that quiet hours held past its own time, as it fires.
    static func held() { count("held", 1) }

    private static func count(_ outcome: String, _ amount: Int) {
        guard amount > 0 else { return }
        Counter(label: "crier_scheduler_slots_total", dimensions: [("outcome", outcome)]).increment(by: amount)
    }
}
