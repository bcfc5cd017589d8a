import ArgumentParser
import CrierRuntime
import Foundation

/// `crier templates`: the advice templates Crier composes from.
struct TemplatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List and check the advice templates.",
        subcommands: [List.self, Check.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List templates with their topic, locales and variables.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let rows = try TemplateDesk(system: try global.open()).list()
            switch format {
            case .json:
                try printJSON(rows)
            case .text:
                for row in rows {
                    print("\(row.id)\t\(row.topic)\t\(row.locales.joined(separator: ","))\t\(row.title)")
                    if !row.variables.isEmpty {
                        print("\tvariables: \(row.variables.joined(separator: ", ")) (? = optional)")
                    }
                }
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check every template strictly: undeclared variables, unclosed sections, missing partials and parts.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let report = try TemplateDesk(system: try global.open()).check()
            for problem in report.problems { print(problem) }
            guard report.errors == 0 else {
                throw CommandFailure(message: "\(report.errors) template errors", isBadInput: true)
            }
            let warnings = report.problems.isEmpty ? "" : " (\(report.problems.count) warnings)"
            print("\(report.templates) templates OK\(warnings)")
        }
    }
}
