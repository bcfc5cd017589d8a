import ArgumentParser
import CrierCore
import CrierRuntime
import Foundation

/// `crier plan`: every slot the schedules would fire in a range, with its audience now.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract:
            "List every slot that would fire in a range: local and UTC time, schedule, template, areas, audience.",
        discussion: """
            Dates are local dates (2026-03-29), local date-times (2026-03-29T09:00) or ISO 8601 with an \
            offset. Slots held by quiet hours are shown at their release time, with the slot's own time. \
            Invalid schedule files are reported on standard error and left out.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Start of the range (default: now).")
    var from: String?

    @Option(name: .long, help: "End of the range, exclusive (default: 30 days after --from).")
    var to: String?

    @Option(name: .long, help: "Only this schedule (its file name without .yml).")
    var schedule: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let system = try global.open()
        let zone = system.configuration.timeZone
        let start = try from.map { try ScheduleDates.parse($0, option: "--from", zone: zone) } ?? system.clock.now()
        let end =
            try to.map { try ScheduleDates.parse($0, option: "--to", zone: zone) }
            ?? start.addingTimeInterval(30 * 86_400)
        guard start < end else { throw UsageError("--to must be after --from") }

        let (library, catalog) = try system.loadSchedules()
        for problem in catalog.problems {
            FileHandle.standardError.write(Data("crier: skipped invalid schedule: \(problem)\n".utf8))
        }
        var schedules = catalog.active
        if let schedule {
            guard let chosen = catalog.schedule(schedule) else {
                let known = catalog.schedules.map(\.id).joined(separator: ", ")
                throw UsageError("--schedule: no valid schedule \"\(schedule)\" (known: \(known))")
            }
            schedules = [chosen]
        }
        let rows = try Composer(system: system, library: library).plan(schedules, from: start, to: end)
        switch format {
        case .json:
            FileHandle.standardOutput.write(Data((SchedulePlanRow.json(rows) + "\n").utf8))
        case .text:
            if rows.isEmpty { print("no slots fire in this range") }
            var output = ""
            for row in rows {
                output += row.line
                output += "\n"
            }
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }
}
