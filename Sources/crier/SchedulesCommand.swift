import ArgumentParser
import CrierCore
import CrierRuntime
import Foundation

/// `crier schedules`: list the schedule files and check them.
struct SchedulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedules",
        abstract: "List or check the schedules in the schedules folder.",
        subcommands: [List.self, Check.self]
    )

    /// One schedule as `schedules list` shows it.
    struct Row: Encodable {
        let id: String
        let kind: String
        let timing: String
        let template: String
        let areas: [String]
        let enabled: Bool
        let quietHours: String
        let next: String?
        let description: String?

        enum CodingKeys: String, CodingKey {
            case id, kind, timing, template, areas, enabled, next, description
            case quietHours = "quiet_hours"
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the valid schedules with their next firing.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let system = try global.open()
            let catalog = try system.loadSchedules().catalog
            let planner = SchedulePlanner(configuration: system.configuration)
            let now = system.clock.now()
            let rows = catalog.schedules.map { schedule in
                Row(
                    id: schedule.id, kind: schedule.kind.rawValue, timing: schedule.timingDescription,
                    template: schedule.template,
                    areas: schedule.areas, enabled: schedule.enabled, quietHours: schedule.quietHours.rawValue,
                    next: schedule.enabled ? planner.nextFiring(of: schedule, after: now)?.localTime : nil,
                    description: schedule.summary)
            }
            for problem in catalog.problems {
                FileHandle.standardError.write(Data("crier: invalid schedule: \(problem)\n".utf8))
            }
            switch format {
            case .json:
                try printJSON(rows)
            case .text:
                if rows.isEmpty { print("no schedules in \(system.configuration.schedulesDirectory.path)") }
                for row in rows {
                    let state = row.enabled ? "next \(row.next ?? "never")" : "disabled"
                    print("\(row.id)\t\(row.timing)\t\(row.template)\t\(row.areas.joined(separator: ","))\t\(state)")
                }
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse and validate every schedule file; exit 2 naming file, line and field of each problem.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let system = try global.open()
            let catalog = try system.loadSchedules().catalog
            for problem in catalog.problems {
                FileHandle.standardError.write(Data("crier: \(problem)\n".utf8))
            }
            guard catalog.problems.isEmpty else {
                let files = catalog.invalidFileCount
                throw CommandFailure(
                    message: "\(catalog.problems.count) problem(s) in \(files) invalid schedule file(s)",
                    isBadInput: true)
            }
            print("\(catalog.schedules.count) schedules OK")
        }
    }
}
