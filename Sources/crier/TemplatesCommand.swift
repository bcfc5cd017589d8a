import ArgumentParser
import CrierRuntime
import CrierTemplates
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
            let system = try global.open()
            let library = try Composer.loadLibrary(for: system.configuration)
            let rows = library.templates.sorted { $0.id < $1.id }.map { metadata in
                TemplateRow(
                    id: metadata.id, topic: metadata.topic, title: metadata.title, locales: metadata.locales,
                    variables: metadata.variables.map { ($0.required ? "" : "?") + $0.name })
            }
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

    struct TemplateRow: Encodable {
        let id: String
        let topic: String
        let title: String
        let locales: [String]
        let variables: [String]
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check every template strictly: undeclared variables, unclosed sections, missing partials and parts.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let system = try global.open()
            let library = try Composer.loadLibrary(for: system.configuration)
            let problems = library.check()
            for problem in problems { print(problem.description) }
            let errors = problems.filter { $0.severity == .error }.count
            guard errors == 0 else {
                throw CommandFailure(message: "\(errors) template errors", isBadInput: true)
            }
            print("\(library.templates.count) templates OK\(problems.isEmpty ? "" : " (\(problems.count) warnings)")")
        }
    }
}
