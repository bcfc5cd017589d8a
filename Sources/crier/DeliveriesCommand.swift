import ArgumentParser
import CrierCore
import CrierRuntime
import Foundation

/// `crier deliveries`: look at single deliveries and send dead letters again.
struct DeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries",
        abstract: "List deliveries or retry dead letters.",
        subcommands: [List.self, Retry.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List deliveries, newest first.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Only deliveries in this state: pending, leased, delivered, dead, withdrawn.")
        var state: DeliveryStateFilter?

        @Option(name: .long, help: "At most this many.")
        var limit: Int = 100

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let system = try global.open()
            let rows = try system.outbox.deliveries(state: state?.state, limit: limit).map(DeliveryView.init)
            switch format {
            case .json:
                try printJSON(rows)
            case .text:
                if rows.isEmpty { print("no deliveries") }
                for row in rows { TerminalText.print(row.line) }
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a dead delivery (or all of them) back in the queue.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The delivery id (see `crier deliveries list --state dead`).")
        var id: Int64?

        @Flag(name: .long, help: "Retry every dead delivery.")
        var dead = false

        func validate() throws {
            if (id == nil) == !dead { throw ValidationError("give either a delivery id or --dead") }
        }

        func run() async throws {
            let system = try global.open()
            let actor = try Operator.current(nil)
            let now = Date()
            if dead {
                let count = try system.outbox.retryAllDead(now: now)
                try system.outbox.appendAudit(
                    AuditEntry(
                        at: now, actor: actor, action: "retry-dead", subject: "deliveries",
                        detail: "\(count) deliveries"))
                print("\(count) dead deliveries queued again")
            } else if let id {
                guard try system.outbox.retryDelivery(id: id, now: now) else {
                    throw CommandFailure(
                        message: "delivery \(id) is not a dead letter (see `crier deliveries list --state dead`)",
                        isBadInput: true)
                }
                try system.outbox.appendAudit(
                    AuditEntry(at: now, actor: actor, action: "retry", subject: "delivery \(id)"))
                print("delivery \(id) queued again")
            }
        }
    }
}

/// The delivery states as `--state` accepts them.
enum DeliveryStateFilter: String, ExpressibleByArgument, CaseIterable {
    case pending, leased, delivered, dead, withdrawn

    var state: DeliveryState { DeliveryState(rawValue: rawValue) ?? .pending }
}

/// One delivery as the command line shows it (destination redacted where it could hold secrets).
struct DeliveryView: Encodable {
    let id: Int64
    let message: String
    let channel: String
    let destination: String
    let state: String
    let attempts: Int
    let nextAttemptAt: Date
    let lastError: String?
    let idempotencyKey: String

    init(_ record: DeliveryRecord) {
        id = record.id
        message = record.messageID
        channel = record.channel.rawValue
        destination = record.channel == .webhook ? Redaction.url(record.destination) : record.destination
        state = record.state.rawValue
        attempts = record.attempts
        nextAttemptAt = record.nextAttemptAt
        lastError = record.lastError
        idempotencyKey = record.idempotencyKey
    }

    var line: String {
        var text = "\(id)\t\(state)\t\(channel)\t\(destination)\tattempts=\(attempts)\t\(message)"
        if let lastError { text += "\t\(lastError)" }
        return text
    }
}
