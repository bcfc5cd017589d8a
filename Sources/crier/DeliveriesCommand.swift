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
            let rows = try DeliveryDesk(system: try global.open()).list(state: state?.state, limit: limit)
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
            let desk = DeliveryDesk(system: try global.open())
            let actor = try Operator.current(nil)
            if dead {
                let count = try desk.retryAllDead(actor: actor)
                print("\(count) dead deliveries queued again")
            } else if let id {
                guard try desk.retry(id: id, actor: actor) else {
                    throw CommandFailure(
                        message: "delivery \(id) is not a dead letter (see `crier deliveries list --state dead`)",
                        isBadInput: true)
                }
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
