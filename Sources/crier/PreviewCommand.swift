import ArgumentParser
import CrierCore
import CrierRuntime
import Foundation

/// `crier preview`: exactly what a template would send, without sending or storing anything.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Print exactly what would be sent: subject, text and HTML email, or the webhook JSON."
    )

    enum PreviewChannel: String, ExpressibleByArgument, CaseIterable {
        case email
        case webhook
        case cap
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The template id (see `crier templates list`).")
    var template: String

    @Option(name: .long, help: "Target area (repeatable; city = every area).")
    var area: [String] = []

    @Option(name: .long, help: "The locale to render (falls back to en).")
    var locale: String = "en"

    @Option(name: .long, help: "email, webhook (JSON) or cap (the OASIS CAP 1.2 document); default email.")
    var channel: PreviewChannel = .email

    @Option(name: .customLong("var"), help: "A template variable, name=value (repeatable).")
    var variables: [String] = []

    @Option(name: .long, help: "actual, exercise or test.")
    var status: String = "actual"

    func run() async throws {
        let desk = try TemplateDesk(system: try global.open())
        guard let alertStatus = AlertStatus(rawValue: status) else {
            throw UsageError("--status: expected actual, exercise or test, found \"\(status)\"")
        }
        let request = CompositionRequest(
            template: template, areas: area, channels: [channel == .email ? .email : .webhook],
            variables: try VariableArguments.parse(variables), status: alertStatus,
            proposedBy: try Operator.current(nil))
        if channel == .cap {
            print(try desk.previewCAP(request))
            return
        }
        let rendered = try desk.preview(request, locale: locale)
        switch channel {
        case .email:
            print("Subject: \(rendered.subject)\n")
            print("----- text/plain (\(rendered.locale)) -----")
            print(rendered.text)
            print("----- text/html (\(rendered.locale)) -----")
            print(rendered.html)
        case .webhook, .cap:
            print(rendered.webhookJSON)
        }
    }
}
