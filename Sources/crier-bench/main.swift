import CrierCore
import CrierRuntime
import Foundation
import Logging

// Delivery benchmark: enqueues N webhook deliveries or N personalised emails into a fresh outbox
// (outside the timed part), then times `crier run --until-idle`'s dispatcher draining it, and
// prints deliveries per second and the process's peak memory.
//
// usage: crier-bench webhook|email --config FILE --count N
//        crier-bench compose --config FILE [--template ID --var name=value ...]
//
// `compose` composes one alert for the whole city from a shipped template, to the subscribers
// already imported, and prints deliveries composed into the outbox per second and peak memory.

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

func argument(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func composeBenchmark(_ arguments: [String]) async throws {
    guard let configPath = argument("--config", in: arguments) else {
        throw BenchmarkFailure(description: "usage: crier-bench compose --config FILE")
    }
    let system = try CrierSystem.open(configuration: URL(fileURLWithPath: configPath))
    let composer = try system.makeComposer()
    let request = CompositionRequest(
        template: argument("--template", in: arguments) ?? "courier-fraud", areas: ["city"],
        variables: try VariableArguments.parse(["pretend_to_be=police officers"]), priority: .urgent,
        proposedBy: "benchmark")
    let clock = ContinuousClock()
    let start = clock.now
    let composed = try await composer.compose(request)
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
        String(
            format: "crier compose: %d deliveries composed into the outbox in %.2f s = %.0f/s, peak memory %.1f MiB",
            composed.deliveries, seconds, Double(composed.deliveries) / seconds, peakMemoryMiB()))
}

func main() async throws {
    let arguments = CommandLine.arguments
    if arguments.count >= 2, arguments[1] == "compose" {
        try await composeBenchmark(arguments)
        return
    }
    guard arguments.count >= 2, let kind = Channel(rawValue: arguments[1]),
        let configPath = argument("--config", in: arguments),
        let count = argument("--count", in: arguments).flatMap(Int.init)
    else {
        throw BenchmarkFailure(description: "usage: crier-bench webhook|email --config FILE --count N")
    }
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = .warning
        return handler
    }
    let system = try CrierSystem.open(configuration: URL(fileURLWithPath: configPath))
    // The benchmark writes its synthetic deliveries straight into the store, outside the timed part.
    let outbox = system.compositionStore
    let now = Date()
    let messageID = "msg_bench_\(kind.rawValue)_\(Int(now.timeIntervalSince1970))"
    let message = MessageRecord(
        id: messageID, template: "benchmark", topic: "scams", areas: ["city"], priority: .normal,
        headline: "Courier fraud warning", proposedBy: "benchmark", createdAt: now)
    let deliveries: NumberedDeliveries
    let rendition: Rendition
    switch kind {
    case .webhook:
        guard let endpoint = system.configuration.endpoints.first(where: { $0.kind == .webhook }) else {
            throw BenchmarkFailure(description: "the configuration needs a webhook endpoint")
        }
        let body =
            #"{"headline":"Courier fraud warning","areas":["east"],"advice":"Your bank will never send a courier to collect your card."}"#
        rendition = Rendition(messageID: messageID, channel: .webhook, locale: "en", payload: Data(body.utf8))
        let url = endpoint.destination
        let id = endpoint.id
        deliveries = NumberedDeliveries(count: count) { index in
            NewDelivery(channel: .webhook, destination: "\(url)/\(index)", route: id, endpointID: id)
        }
    case .email:
        rendition = Rendition(
            messageID: messageID, channel: .email, locale: "en", subject: "Courier fraud: warning for East NPA",
            textBody: """
                Dear \(Personalisation.recipientNameMarker),

                Fraudsters are phoning residents pretending to be police officers or bank staff and sending a
                courier to collect cards and cash. Your bank and the police will never do this. Hang up, wait
                five minutes, and call 101 from another phone.

                Unsubscribe: \(Personalisation.unsubscribeURLMarker)
                """,
            htmlBody: """
                <p>Dear \(Personalisation.recipientNameMarker),</p><p>Fraudsters are phoning residents pretending to be \
                police officers or bank staff. Your bank and the police will never send a courier.</p>\
                <p><a href="\(Personalisation.unsubscribeURLMarker)">Unsubscribe</a></p>
                """)
        deliveries = NumberedDeliveries(count: count) { index in
            NewDelivery(
                channel: .email, destination: "resident-\(index)@example.org", route: DeliveryRoute.email,
                subscriberID: Int64(index), recipientName: "Resident \(index)", unsubscribeToken: "token\(index)")
        }
    }
    let written = try await outbox.enqueue(message, renditions: [rendition], deliveries: deliveries, now: now)
    let dispatcher = try system.makeDispatcher(logger: Logger(label: "crier.bench"))
    let clock = ContinuousClock()
    let start = clock.now
    let report = try await dispatcher.run(untilIdle: true)
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let summary = try StatusDesk(system: system).report()
    print(
        String(
            format: "crier %@: %d enqueued, %d delivered, %d dead in %.2f s = %.0f/s, peak memory %.1f MiB",
            kind.rawValue, written, report.delivered, report.dead, seconds, Double(report.delivered) / seconds,
            peakMemoryMiB()))
    if summary.deliveries["delivered", default: 0] != written {
        throw BenchmarkFailure(description: "not everything was delivered: \(summary.deliveries)")
    }
}

do {
    try await main()
} catch {
    FileHandle.standardError.write(Data("crier-bench: \(error)\n".utf8))
    exit(1)
}
