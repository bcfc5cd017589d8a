import Metrics
import Prometheus
import Synchronization

/// The process's one Prometheus registry behind swift-metrics: every `Counter`, `Timer` and
/// `Gauge` a module records lands here once the executable has called `bootstrap()`, and
/// `/metrics` prints it.
public enum PrometheusTelemetry {
    private static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped = Mutex(false)

    /// Points swift-metrics at the registry; only the executable calls it, and only the first call
    /// has an effect (swift-metrics allows one bootstrap per process).
    public static func bootstrap() {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
            .seconds(30), .seconds(60), .seconds(300), .seconds(900),
        ]
        MetricsSystem.bootstrap(factory)
    }

    /// What the registry holds, in Prometheus text format.
    public static func exposition() -> String {
        registry.emitToString()
    }
}
