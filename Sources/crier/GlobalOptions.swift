import ArgumentParser
import CrierRuntime
import Foundation
import Logging

/// Options every command takes: where the configuration is, how much to log.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Path to crier.yml (default: $CRIER_CONFIG, else ./crier.yml).")
    var config: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    /// The configuration file to use.
    var configURL: URL {
        let path = config ?? ProcessInfo.processInfo.environment["CRIER_CONFIG"] ?? "crier.yml"
        return URL(fileURLWithPath: path)
    }

    /// Sets up logging to standard error, through the writer that also draws `--wait` progress;
    /// only the command line does this.
    func bootstrapLogging() {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            StatusLineLogHandler(label: label, output: .shared, logLevel: level)
        }
    }

    /// Opens the configured system, or exits 2 naming the problem.
    func open() throws -> CrierSystem {
        try CrierSystem.open(configuration: configURL)
    }
}

/// `--format text|json` for commands whose output is data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// Writes a value as pretty, key-sorted JSON on standard output.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
