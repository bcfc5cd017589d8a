import ArgumentParser
import CrierRuntime
import Foundation

/// `crier bulletin`: news items the next bulletin of an area carries beside the advice sent.
struct BulletinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "Add news items to an area's next bulletin, and list them.",
        subcommands: [Add.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a news item the area's next bulletin carries (once; not after it expires).",
            discussion: """
                The item is carried by the next area-bulletin of the area, beside the advice sent, and \
                marked as carried then, so no later bulletin repeats it. --expires takes an RFC 3339 \
                time (2026-12-01T18:00:00Z) or a date (2026-12-01, the end of that day); an item that \
                expires before the next bulletin is never sent. The same as the partner API's \
                POST /api/v1/areas/{area}/bulletin-items.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "The area whose bulletin carries it.")
        var area: String

        @Option(name: .long, help: "The item's title (one line).")
        var title: String

        @Option(name: .long, help: "The item's text.")
        var body: String

        @Option(name: .long, help: "An http or https link for more.")
        var link: String?

        @Option(name: .long, help: "When it stops being worth sending: a time or a date.")
        var expires: String?

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let desk = BulletinDesk(system: try global.open())
            let item = try desk.add(
                BulletinItemDraft(area: area, title: title, body: body, link: link, expires: expires),
                actor: try Operator.current(nil))
            switch format {
            case .json:
                try printJSON(item)
            case .text:
                TerminalText.print("added bulletin item \(item.id) for \(item.area): \(item.title)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List news items, newest first, with the bulletin that carried each.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Only items of this area.")
        var area: String?

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let items = try BulletinDesk(system: try global.open()).list(area: area)
            switch format {
            case .json:
                try printJSON(items)
            case .text:
                if items.isEmpty { print("no bulletin items") }
                for item in items {
                    let state = item.carriedBy.map { "carried by \($0)" } ?? "waiting"
                    TerminalText.print("\(item.id)\t\(item.area)\t\(state)\t\(item.addedBy)\t\(item.title)")
                }
            }
        }
    }
}
