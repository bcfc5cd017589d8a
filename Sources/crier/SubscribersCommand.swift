import ArgumentParser
import CrierCore
import CrierRuntime
import CrierStore
import Foundation

/// `crier subscribers`: the residents who receive area messages.
struct SubscribersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribers",
        abstract: "Import, list, export, unsubscribe and forget residents.",
        subcommands: [Import.self, List.self, Export.self, Forget.self, Unsubscribe.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import residents from a CSV file (email,name,area,topics,locale[,test]).",
            discussion: """
                topics is `all` or topics separated by `;`; locale is a BCP 47 tag (default en); \
                test (true/false) marks test recipients. Every row is checked first: with any bad row \
                nothing is imported unless --skip-invalid is given. Re-importing updates people by email.
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
            let system = try global.open()
            let actor = try Operator.current(nil)
            let configuration = system.configuration
            let importer = SubscriberImporter(
                outbox: system.outbox, areas: Set(configuration.areas.map(\.id)), topics: Set(configuration.topics))
            let now = system.clock.now()
            let outcome = try importer.importCSV(file: file, skipInvalid: skipInvalid, now: now)
            guard outcome.imported else {
                let lines = outcome.problems.map { "\(file):\($0)" }.joined(separator: "\n")
                throw UsageError(
                    "\(outcome.problems.count) bad rows, nothing imported (use --skip-invalid to import the rest):\n\(lines)"
                )
            }
            try system.outbox.appendAudit(
                AuditEntry(
                    at: now, actor: actor, action: "subscribers-import", subject: file,
                    detail: "\(outcome.inserted) new, \(outcome.updated) updated, \(outcome.problems.count) skipped"))
            switch format {
            case .json:
                try printJSON(
                    ImportReport(inserted: outcome.inserted, updated: outcome.updated, skipped: outcome.problems))
            case .text:
                print("imported \(outcome.inserted) new and updated \(outcome.updated) subscribers from \(file)")
                for problem in outcome.problems { TerminalText.print("skipped \(file):\(problem)") }
            }
        }
    }

    struct ImportReport: Encodable {
        let inserted: Int
        let updated: Int
        let skipped: [SubscriberImport.Problem]
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List subscribers, optionally of one area.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Only subscribers of this area.")
        var area: String?

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let system = try global.open()
            if let area, system.configuration.area(area) == nil {
                throw UsageError(
                    "unknown area \"\(area)\" (known: \(system.configuration.areas.map(\.id).joined(separator: ", ")))")
            }
            let people = try system.outbox.subscribers(area: area)
            switch format {
            case .json:
                try printJSON(people.map(SubscriberView.init))
            case .text:
                if people.isEmpty { print("no subscribers") }
                for person in people {
                    let flags = (person.isTest ? " test" : "") + (person.unsubscribedAt != nil ? " unsubscribed" : "")
                    TerminalText.print(
                        "\(person.email)\t\(person.name)\t\(person.area)\t\(person.topics.joined(separator: ";"))\t\(person.locale)\(flags)"
                    )
                }
            }
        }
    }

    /// A subscriber as `list` shows them: no unsubscribe token (it is a secret link).
    struct SubscriberView: Encodable {
        let email: String
        let name: String
        let area: String
        let topics: [String]
        let locale: String
        let test: Bool
        let unsubscribed: Bool

        init(_ person: Subscriber) {
            email = person.email
            name = person.name
            area = person.area
            topics = person.topics
            locale = person.locale
            test = person.isTest
            unsubscribed = person.unsubscribedAt != nil
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print everything held about one person, as JSON.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Their email address.")
        var email: String

        func run() async throws {
            let system = try global.open()
            guard let export = try system.outbox.exportSubscriber(email: email) else {
                throw UsageError("no subscriber \(email)")
            }
            try printJSON(export)
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
            let system = try global.open()
            let actor = try Operator.current(nil)
            let now = system.clock.now()
            guard try system.outbox.forgetSubscriber(email: email, now: now) else {
                throw UsageError("no subscriber \(email)")
            }
            try system.outbox.appendAudit(
                AuditEntry(at: now, actor: actor, action: "subscribers-forget", subject: "a subscriber")
            )
            do {
                try system.outbox.truncateWriteAheadLog()
            } catch {
                standardError(
                    "crier: warning: \(error); older copies of the person's rows stay in the write-ahead log until SQLite reuses it"
                )
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
            let system = try global.open()
            guard try system.outbox.unsubscribe(token: token, now: system.clock.now()) else {
                throw UsageError("unknown unsubscribe token")
            }
            print("unsubscribed")
        }
    }
}
