import ArgumentParser
import CrierCore
import CrierRuntime
import Foundation
import Logging

/// `crier alert`: raise an urgent alert, shown to the operator and confirmed before it is committed.
struct AlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert",
        abstract: "Raise an urgent alert to one or more areas.",
        discussion: """
            Shows the template, areas, subscriber and endpoint counts, subject and status, then asks \
            for confirmation on a terminal (type the number of areas, or EXERCISE / TEST). Without a \
            terminal, --yes is required. An `actual` alert waits for a second operator's \
            `crier approve` when crier.yml says so (approvals: { actual: true }, the default).

            With --wait, everything that could refuse the alert (a reached webhook endpoint's unset \
            signing secret, unset SMTP credentials) is checked before it is committed.

            """ + waitExitStatusHelp
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The template id (see `crier templates check`).")
    var template: String

    @Option(name: .long, help: "An area id, or city for all (repeatable).")
    var area: [String] = []

    @Option(name: .customLong("var"), help: "A template variable as name=value (repeatable).")
    var variables: [String] = []

    @Option(name: .long, help: "Only this channel: email or webhook (repeatable; default both).")
    var channel: [ChannelOption] = []

    @Option(name: .long, help: "actual, exercise or test.")
    var status: StatusOption = .actual

    @Option(
        name: .long,
        help: "Reach only residents and endpoints following this topic (default: everyone in the areas).")
    var topic: String?

    @Option(name: .long, help: "After this long (e.g. 2h) it can no longer be approved, updated or cancelled.")
    var expires: String?

    @OptionGroup var action: ConfirmedActionOptions

    func run() async throws {
        let desk = try global.openAlertDesk()
        var expiresIn: TimeInterval?
        if let expires {
            do {
                expiresIn = try DurationText.seconds(expires, field: "--expires")
            } catch {
                throw UsageError("\(error)")
            }
        }
        let request = AlertRequest(
            template: template, areas: area, channels: Set(channel.map(\.channel)),
            variables: try VariableArguments.parse(variables), status: status.status, expiresIn: expiresIn,
            operatorName: try action.options.actor(), audience: topic.map(AudienceRule.topic) ?? .everyone)
        let plan = try desk.plan(request)
        let followFor = try action.following.timeoutSeconds()
        if action.following.wait { try desk.system.refuseUndeliverable(plan) }
        // With --wait or JSON, standard output starts with the id (or is the JSON): the plan goes to stderr.
        let toStandardError = action.options.format == .json || action.following.wait
        (toStandardError ? standardError : standardOutput)(plan.textReport)
        if !action.confirmation.yes { try confirm(plan, prompt: toStandardError ? .standardError : .standardOutput) }
        let outcome = try await desk.propose(request)
        for warning in outcome.warnings { standardError("crier: warning: \(warning)") }
        if action.options.format == .text {
            print(outcome.id)
            print("alert \(outcome.id) \(outcome.state): \(outcome.deliveries) deliveries")
            if plan.needsApproval {
                print("a second operator must release it: crier approve \(outcome.id)")
            }
        }
        try await action.following.finish(
            following: outcome.id, desk: desk, options: action.options, timeout: followFor
        ) {
            let progress = action.following.wait ? try desk.progress(id: outcome.id).channels : nil
            return AlertCommandResult(plan: plan, outcome: outcome, progress: progress)
        }
    }

    /// Asks the operator to type the confirmation word; refuses when nobody is at a terminal.
    private func confirm(_ plan: AlertPlan, prompt: FileHandle) throws {
        guard isatty(0) != 0 else {
            throw CommandFailure(
                message: "not a terminal, so nobody can confirm: nothing was queued (add --yes in scripts)",
                isBadInput: true)
        }
        let what =
            plan.preview.status == "actual"
            ? "the number of areas (\(plan.confirmationWord))" : "the word \(plan.confirmationWord)"
        prompt.write(Data("Type \(what) to confirm: ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
        guard answer == plan.confirmationWord else {
            throw CommandFailure(message: "not confirmed (\"\(answer)\"): nothing was queued", isBadInput: true)
        }
    }
}

/// What `crier alert --format json` prints.
struct AlertCommandResult: Encodable {
    let plan: AlertPlan
    let outcome: AlertOutcome
    let progress: [ChannelCounts]?
}

extension AlertPlan {
    /// The plan as the operator reads it before confirming.
    var textReport: String {
        let names = zip(preview.areas, preview.areaNames).map { "\($0) (\($1))" }.joined(separator: ", ")
        var lines = [
            "Template:   \(preview.template) (topic \(preview.topic))",
            "Areas:      \(names)",
            "Status:     \(preview.status)",
            "Audience:   \(preview.audience)",
            "Subject:    \(preview.subject)",
            "Recipients: \(preview.subscribers) subscribers, \(preview.endpoints.count) endpoints"
                + (preview.endpoints.isEmpty ? "" : " (\(preview.endpoints.joined(separator: ", ")))"),
        ]
        lines.append(
            needsApproval
                ? "Approval:   a second operator must approve it before anything is sent"
                : "Approval:   not needed; sent at once")
        return lines.joined(separator: "\n")
    }
}

/// `--status`: actual, exercise or test.
enum StatusOption: String, ExpressibleByArgument, CaseIterable {
    case actual, exercise, test

    var status: AlertStatus { AlertStatus(rawValue: rawValue) ?? .actual }
}

/// `--channel`: email or webhook.
enum ChannelOption: String, ExpressibleByArgument, CaseIterable {
    case email, webhook

    var channel: Channel { Channel(rawValue: rawValue) ?? .email }
}

/// Prints to standard output.
func standardOutput(_ text: String) { print(text) }

/// Prints to standard error.
func standardError(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
