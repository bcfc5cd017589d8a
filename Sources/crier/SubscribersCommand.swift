import ArgumentParser
import CrierRuntime
import Foundation

/// `crier subscribers`: the residents who receive area messages.
struct SubscribersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribers",
        abstract: "Import, list, export, unsubscribe and forget residents; list suppressed addresses.",
        subcommands: [Import.self, List.self, Export.self, Forget.self, Unsubscribe.self, Suppressed.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import residents from a CSV file (email,name,area,topics,locale[,test]).",
            discussion: """
                topics is `all` or topics separated by `;`; locale is a BCP 47 tag (default en); \
                test (true/false) marks test recipients. Every row is checked first: with any bad row \
                nothing is imported unless --skip-invalid is given. Re-importing updates people by email. \
                Suppressed addresses (unsubscribed, forgotten, bounced, complained) are not re-subscribed: \
                each is listed and the other rows are imported.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The CSV file.")
        var file: String

        @Flag(name: .long, help: "Import the valid rows and list the bad ones instead of importing nothing.")
        var skipInvalid = false

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let desk = SubscriberDesk(system: try global.open())
            let report = try desk.importCSV(file: file, skipInvalid: skipInvalid, actor: try Operator.current(nil))
            switch format {
            case .json:
                try printJSON(report)
            case .text:
                print("imported \(report.inserted) new and updated \(report.updated) subscribers from \(file)")
                for problem in report.skipped { TerminalText.print("skipped \(file):\(problem)") }
                for row in report.suppressed { TerminalText.print("not imported \(file):\(row)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List subscribers, optionally of one area.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Only subscribers of this area.")
        var area: String?

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let people = try SubscriberDesk(system: try global.open()).list(area: area)
            switch format {
            case .json:
                try printJSON(people)
            case .text:
                if people.isEmpty { print("no subscribers") }
                for person in people {
                    let flags = (person.test ? " test" : "") + (person.unsubscribed ? " unsubscribed" : "")
                    TerminalText.print(
                        "\(person.email)\t\(person.name)\t\(person.area)\t\(person.topics.joined(separator: ";"))\t\(person.locale)\(flags)"
                    )
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print everything held about one person, as JSON.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Their email address.")
        var email: String

        func run() async throws {
            try printJSON(try SubscriberDesk(system: try global.open()).export(email: email))
        }
    }

    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Erase a person: their record and pending deliveries; sent history keeps only a hash of the address.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Their email address.")
        var email: String

        func run() async throws {
            let desk = SubscriberDesk(system: try global.open())
            if let warning = try desk.forget(email: email, actor: try Operator.current(nil)) {
                standardError("crier: warning: \(warning)")
            }
            print("forgotten")
        }
    }

    struct Unsubscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Honour an unsubscribe token (what the unsubscribe web endpoint calls).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The token from the unsubscribe link.")
        var token: String

        func run() async throws {
            try SubscriberDesk(system: try global.open()).unsubscribe(token: token)
            print("unsubscribed")
        }
    }
}
