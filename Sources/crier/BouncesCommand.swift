import ArgumentParser
import CrierRuntime
import Foundation

/// `crier bounces`: bounces and complaints from the bounce mailbox.
struct BouncesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bounces",
        abstract: "Record bounces and complaints from delivery status notifications.",
        subcommands: [Scan.self]
    )

    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read RFC 3464 bounces (and RFC 5965 complaints) from a Maildir and record them.",
            discussion: """
                Reads every message in MAILDIR/new and MAILDIR/cur. A hard bounce or a complaint suppresses \
                the address at once; soft bounces suppress it at the 3rd within 14 days. Each message read \
                as a bounce is marked seen (moved to cur/ with the S flag), so scanning again does not count \
                it twice; other messages are left alone. Prints what was found in each file, or why it was skipped.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The Maildir folder (with new/ and cur/).")
        var maildir: String

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let report = try BounceDesk(system: try global.open()).scan(maildir: maildir)
            switch format {
            case .json:
                try printJSON(report)
            case .text:
                for file in report.files {
                    if let skipped = file.skipped {
                        TerminalText.print("\(file.file): skipped: \(skipped)")
                    }
                    for bounce in file.bounces {
                        let effect = bounce.suppressed.map { "suppressed (\($0))" } ?? "not suppressed"
                        let what = bounce.kind == "complaint" ? "complaint" : "\(bounce.kind) bounce"
                        TerminalText.print("\(file.file): \(what) for \(bounce.email) (\(bounce.reason)): \(effect)")
                    }
                }
                print("\(report.recorded) bounces recorded from \(report.files.count) files, \(report.skipped) skipped")
            }
        }
    }
}
