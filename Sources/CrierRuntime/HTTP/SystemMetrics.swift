import CrierCore
import CrierHTTP
import CrierStore
import CrierTemplates
import Foundation

/// What `/metrics` reads from the store at scrape time.
protocol MetricsReads: Sendable {
    /// The outbox's figures now.
    func operationalFigures() async throws -> OperationalFigures
}

extension SQLiteOutbox: MetricsReads {}

/// `/metrics` over one installation: the process's recorded events (swift-metrics), then the
/// figures that are the database's state, read at scrape time with one small query each so they
/// are right whichever process did the work, then the build's identity.
///
/// | metric | type | what |
/// |---|---|---|
/// | `crier_deliveries{state,channel}` | gauge | deliveries by state and channel |
/// | `crier_deliveries_pending` | gauge | deliveries pending or in flight |
/// | `crier_deliveries_oldest_pending_age_seconds` | gauge | age of the oldest of them (0 when none) |
/// | `crier_endpoints_disabled` | gauge | endpoints disabled after HTTP 410 |
/// | `crier_endpoint_disabled{endpoint}` | gauge | 1 for each disabled endpoint |
/// | `crier_endpoint_dead_deliveries{endpoint}` | gauge | dead letters per endpoint |
/// | `crier_endpoint_retrying_deliveries{endpoint}` | gauge | deliveries waiting for a retry per endpoint |
/// | `crier_store_up` | gauge | 1 when the figures above could be read, else 0 |
/// | `crier_templates`, `crier_schedules{state}` | gauge | the running set (changes on reload) |
/// | `crier_config_last_reload_successful` | gauge | 0 after a refused SIGHUP reload, else 1 |
/// | `crier_config_last_reload_success_timestamp_seconds` | gauge | when the running inputs were loaded |
/// | `crier_build_info{version}` | gauge | 1 |
struct SystemMetrics: MetricsExposition {
    let system: CrierSystem
    let reads: any MetricsReads

    init(system: CrierSystem) {
        self.system = system
        self.reads = system.outbox
    }

    func exposition() async -> String {
        var text = PrometheusTelemetry.exposition()
        do {
            let figures = try await reads.operationalFigures()
            text += Self.lines(figures, now: system.clock.now())
            text += Self.family("crier_store_up", "Whether the database answered this scrape.", [("", 1)])
        } catch {
            text += Self.family("crier_store_up", "Whether the database answered this scrape.", [("", 0)])
        }
        if let library = try? system.templates(), let catalog = try? system.scheduleCatalog() {
            text += Self.family(
                "crier_templates", "Templates in the running set.", [("", Double(library.templates.count))])
            text += Self.family(
                "crier_schedules", "Schedules in the running set, enabled or not.",
                [
                    ("state=\"enabled\"", Double(catalog.active.count)),
                    ("state=\"disabled\"", Double(catalog.schedules.count - catalog.active.count)),
                ])
        }
        let reload = system.lastReload
        text += Self.family(
            "crier_config_last_reload_successful",
            "1 unless the last SIGHUP reload was refused (the running set then stays active).",
            [("", reload?.succeeded == false ? 0 : 1)])
        text += Self.family(
            "crier_config_last_reload_success_timestamp_seconds",
            "When the running crier.yml, templates and schedules were loaded (start or last successful reload).",
            [("", (reload?.activeSince ?? system.startedAt).timeIntervalSince1970)])
        text += Self.family(
            "crier_build_info", "The running build of Crier.", [("version=\"\(Self.escaped(CrierBuild.version))\"", 1)])
        text += residentsExposition()
        return text
    }

    /// The store's figures in Prometheus text format, each family with its HELP and TYPE.
    static func lines(_ figures: OperationalFigures, now: Date) -> String {
        var text = family(
            "crier_deliveries", "Deliveries by state and channel.",
            figures.deliveries.map {
                ("state=\"\(escaped($0.state))\",channel=\"\(escaped($0.channel))\"", Double($0.count))
            })
        text += family(
            "crier_deliveries_pending", "Deliveries pending or in flight.", [("", Double(figures.pending))])
        let age = figures.oldestPendingCreatedAt.map { max(0, now.timeIntervalSince($0)) } ?? 0
        text += family(
            "crier_deliveries_oldest_pending_age_seconds",
            "Seconds since the oldest pending or in-flight delivery was composed (0 when there is none).",
            [("", age)])
        text += family(
            "crier_endpoints_disabled", "Endpoints disabled because they answered HTTP 410.",
            [("", Double(figures.disabledEndpoints.count))])
        text += family(
            "crier_endpoint_disabled", "1 for each disabled endpoint.",
            figures.disabledEndpoints.map { ("endpoint=\"\(escaped($0))\"", 1) })
        text += family(
            "crier_endpoint_dead_deliveries", "Dead-lettered deliveries per endpoint.",
            figures.endpointFailures.map { ("endpoint=\"\(escaped($0.endpointID))\"", Double($0.dead)) })
        text += family(
            "crier_endpoint_retrying_deliveries",
            "Deliveries waiting for a retry after a failed attempt, per endpoint.",
            figures.endpointFailures.map { ("endpoint=\"\(escaped($0.endpointID))\"", Double($0.retrying)) })
        return text
    }

    /// One gauge family: HELP, TYPE and a sample per label set (`""` for none).
    static func family(_ name: String, _ help: String, _ samples: [(labels: String, value: Double)]) -> String {
        var text = "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
        for sample in samples {
            let labels = sample.labels.isEmpty ? "" : "{\(sample.labels)}"
            text += "\(name)\(labels) \(number(sample.value))\n"
        }
        return text
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A label value as the text format wants it: backslash, quote and newline escaped.
    static func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}

/// This build's identity, as `crier_build_info` reports it.
public enum CrierBuild {
    /// The release this source tree is.
    public static let version = "0.2.0"
}
