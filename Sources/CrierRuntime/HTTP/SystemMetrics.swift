import CrierHTTP

/// `/metrics` over one installation: the process's recorded metrics, then the build's identity.
struct SystemMetrics: MetricsExposition {
    let system: CrierSystem

    func exposition() async -> String {
        var text = PrometheusTelemetry.exposition()
        text += """
            # HELP crier_build_info The running build of Crier.
            # TYPE crier_build_info gauge
            crier_build_info{version="\(CrierBuild.version)"} 1

            """
        text += residentsExposition()
        return text
    }
}

/// This build's identity, as `crier_build_info` reports it.
public enum CrierBuild {
    /// The release this source tree is.
    public static let version = "0.2.0"
}
