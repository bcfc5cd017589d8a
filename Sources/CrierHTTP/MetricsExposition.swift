/// Produces the Prometheus text exposition served at `/metrics`.
///
/// It exists so the HTTP module serves whatever registry the process bootstrapped (and any figures
/// read from the store at scrape time) without knowing where they come from.
public protocol MetricsExposition: Sendable {
    /// The whole exposition, in Prometheus text format 0.0.4.
    func exposition() async -> String
}
