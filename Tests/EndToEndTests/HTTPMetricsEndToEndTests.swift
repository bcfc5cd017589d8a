import CrierTestSupport
import Foundation
import Testing

/// `/metrics` of a `crier run --listen` that delivered to the loopback servers, read by
/// prometheus_client's text-format parser: the page is valid Prometheus text and its figures are
/// what happened.
@Suite("end to end: /metrics", .serialized, .enabled(if: CrierBinary.isBuilt))
struct HTTPMetricsEndToEndTests {
    /// The parsed page: family types by name, and every sample.
    struct Scrape {
        let contentType: String
        let families: [String: String]
        let samples: [(name: String, labels: [String: String], value: Double)]

        init(_ url: String) async throws {
            let json = try await PythonTool.json("metrics_families.py", [url + "/metrics"])
            contentType = json["content_type"] as? String ?? ""
            families = json["families"] as? [String: String] ?? [:]
            samples = (json["samples"] as? [[String: Any]] ?? []).map {
                ($0["name"] as? String ?? "", $0["labels"] as? [String: String] ?? [:], $0["value"] as? Double ?? .nan)
            }
        }

        /// The value of the one sample `name` with exactly these labels (nil if there is none).
        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            samples.first { $0.name == name && $0.labels == labels }?.value
        }
    }

    @Test("after crier run delivered: states, attempts by outcome, endpoints, timings, HTTP, build info")
    func figuresAfterDelivery() async throws {
        let site = try await AlertInstallation(
            residents: 3,
            endpoints: { hooks in
                [
                    #"{ id: partner, kind: webhook, url: "\#(hooks.url("/ok/partner"))", areas: [city], topics: [all] }"#,
                    #"{ id: gone-hook, kind: webhook, url: "\#(hooks.url("/gone"))", areas: [east], topics: [all] }"#,
                    #"{ id: flaky, kind: webhook, url: "\#(hooks.url("/status/503"))", areas: [east], topics: [all] }"#,
                ]
            }, retry: "[1s, 1s]")
        let queued = try await site.alert(["--status", "exercise", "--yes"])
        #expect(queued.status == 0, "\(queued.stderr)")

        let daemon = try site.crier.start(["run", "--listen", "127.0.0.1:0"])
        defer { kill(daemon.processIdentifier, SIGTERM) }
        let url = try await daemon.listeningURL().absoluteString

        // Done when nothing is pending and both timing histograms saw the message.
        var scrape = try await Scrape(url)
        for _ in 0..<120 {
            if scrape.value("crier_deliveries_pending") == 0,
                scrape.value("crier_alert_last_delivery_seconds_count") == 1
            {
                break
            }
            try await Task.sleep(for: .milliseconds(500))
            scrape = try await Scrape(url)
        }
        // Once more, so that the earlier scrapes are counted in crier_http_requests_total.
        scrape = try await Scrape(url)
        let emails = Double(try site.smtp.records().flatMap(\.rcptTos).count)
        #expect(emails >= 3)

        #expect(scrape.contentType.hasPrefix("text/plain; version=0.0.4"))
        #expect(scrape.families["crier_deliveries"] == "gauge")
        #expect(scrape.families["crier_delivery_attempts"] == "counter")
        #expect(scrape.families["crier_alert_first_delivery_seconds"] == "histogram")
        #expect(scrape.families["crier_alert_last_delivery_seconds"] == "histogram")
        #expect(scrape.families["crier_http_requests"] == "counter")
        #expect(scrape.families["crier_build_info"] == "gauge")

        #expect(scrape.value("crier_deliveries_pending") == 0)
        #expect(scrape.value("crier_deliveries_oldest_pending_age_seconds") == 0)
        #expect(scrape.value("crier_deliveries", ["state": "delivered", "channel": "email"]) == emails)
        #expect(scrape.value("crier_deliveries", ["state": "delivered", "channel": "webhook"]) == 1)
        #expect(scrape.value("crier_deliveries", ["state": "dead", "channel": "webhook"]) == 2)

        let attempts = "crier_delivery_attempts_total"
        #expect(scrape.value(attempts, ["channel": "email", "outcome": "delivered"]) == emails)
        #expect(scrape.value(attempts, ["channel": "webhook", "outcome": "delivered"]) == 1)
        #expect(scrape.value(attempts, ["channel": "webhook", "outcome": "disabled"]) == 1)
        #expect(scrape.value(attempts, ["channel": "webhook", "outcome": "retry"]) == 2)
        #expect(scrape.value(attempts, ["channel": "webhook", "outcome": "dead"]) == 1)

        #expect(scrape.value("crier_endpoints_disabled") == 1)
        #expect(scrape.value("crier_endpoint_disabled", ["endpoint": "gone-hook"]) == 1)
        #expect(scrape.value("crier_endpoint_dead_deliveries", ["endpoint": "flaky"]) == 1)
        #expect(scrape.value("crier_endpoint_dead_deliveries", ["endpoint": "gone-hook"]) == 1)

        #expect(scrape.value("crier_alert_first_delivery_seconds_count") == 1)
        #expect(scrape.value("crier_alert_last_delivery_seconds_count") == 1)
        let first = try #require(scrape.value("crier_alert_first_delivery_seconds_sum"))
        let last = try #require(scrape.value("crier_alert_last_delivery_seconds_sum"))
        #expect(first >= 0 && first <= last && last < 120, "first \(first) s, last \(last) s")

        #expect((scrape.value("crier_http_requests_total", ["route": "/metrics", "status": "200"]) ?? 0) >= 1)
        #expect(
            scrape.samples.contains { $0.name == "crier_build_info" && $0.labels["version"] != nil && $0.value == 1 })
        #expect(scrape.value("crier_store_up") == 1)
        #expect(scrape.value("crier_config_last_reload_successful") == 1)

        kill(daemon.processIdentifier, SIGTERM)
        let stopped = try await daemon.result(timeout: 60)
        #expect(stopped.status == 0, "\(stopped.stderr)")
    }
}
