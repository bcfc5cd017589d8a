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
            """
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

    @Option(name: .customLong("operator"), help: "Who you are (default: $CRIER_OPERATOR, else the login user).")
    var operatorName: String?

    @Flag(name: .long, help: "Do not ask for confirmation (for scripts).")
    var yes = false

    @Flag(name: .long, help: "Deliver in this process and follow progress until everything is delivered or dead.")
    var wait = false

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        global.bootstrapLogging()
        let system = try global.open()
        let desk = try AlertDesk(system: system)
        var expiresIn: TimeInterval?
        if let expires {
            do {
                expiresIn = try DurationText.seconds(expires, field: "--expires")
            } catch {
                throw InputError("\(error)")
            }
        }
        let request = AlertRequest(
            template: template, areas: area, channels: Set(channel.map(\.channel)),
            variables: try VariableArguments.parse(variables), status: status.status, expiresIn: expiresIn,
            operatorName: Operator.current(operatorName), audience: topic.map(AudienceRule.topic) ?? .everyone)
        let plan = try desk.plan(request)
        let report = format == .json ? standardError : standardOutput
        report(plan.textReport)
        if !yes { try confirm(plan) }
        let outcome = try desk.propose(request)
        for warning in outcome.warnings { standardError("crier: warning: \(warning)") }
        if format == .text {
            print(outcome.id)
            print("alert \(outcome.id) \(outcome.state): \(outcome.deliveries) deliveries")
            if plan.needsApproval {
                print("a second operator must release it: crier approve \(outcome.id)")
            }
        }
        let dead = wait ? try await follow(desk: desk, id: outcome.id, format: format) : 0
        if format == .json {
            let progress = wait ? try desk.progress(id: outcome.id).channels : nil
            try printJSON(AlertCommandResult(plan: plan, outcome: outcome, progress: progress))
        }
        try failIfDead(dead, id: outcome.id)
    }

    /// Asks the operator to type the confirmation word; refuses when nobody is at a terminal.
    private func confirm(_ plan: AlertPlan) throws {
        guard isatty(0) != 0 else {
            throw CommandFailure(
                message: "not a terminal, so nobody can confirm: nothing was queued (add --yes in scripts)",
                isBadInput: true)
        }
        let what =
            plan.preview.status == "actual"
            ? "the number of areas (\(plan.confirmationWord))" : "the word \(plan.confirmationWord)"
        FileHandle.standardOutput.write(Data("Type \(what) to confirm: ".utf8))
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

/// Delivers in this process (beside any running daemon: leases keep them apart) until alert `id`
/// has nothing left to send; shows progress, and returns how many deliveries are dead.
func follow(desk: AlertDesk, id: String, format: OutputFormat) async throws -> Int {
    let say = format == .json ? standardError : standardOutput
    let first = try desk.progress(id: id)
    if first.state == AlertPhase.awaitingApproval.rawValue {
        say("alert \(id) is awaiting approval: nothing is sent until a second operator runs `crier approve \(id)`")
        return 0
    }
    let dispatcher = try desk.system.makeDispatcher(logger: Logger(label: "crier.dispatch"))
    let signals = SignalWatcher(signals: [SIGTERM, SIGINT]) { _ in dispatcher.requestStop() }
    defer { signals.cancel() }
    let delivering = Task { try await dispatcher.run() }
    let bar = isatty(format == .json ? 2 : 1) != 0
    var last = ""
    var progress = first
    while true {
        progress = try desk.progress(id: id)
        let line = progress.line(bar: bar)
        if line != last {
            if bar {
                let text = "\r\u{1B}[2K" + line
                if format == .json {
                    FileHandle.standardError.write(Data(text.utf8))
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            } else {
                say(line)
            }
            last = line
        }
        if progress.isSettled || dispatcher.isStopping { break }
        try await Task.sleep(for: .milliseconds(bar ? 100 : 250))
    }
    dispatcher.requestStop()
    _ = try await delivering.value
    if bar { say("") }
    say("alert \(id): \(progress.state)")
    return progress.dead
}

/// Ends the command with exit 1 when `--wait` saw deliveries fail for good.
func failIfDead(_ dead: Int, id: String) throws {
    if dead > 0 {
        throw CommandFailure(
            message: "alert \(id): \(dead) deliveries failed for good (see `crier alerts show \(id)`)",
            isBadInput: false)
    }
}

extension AlertProgress {
    /// One line: a bar per channel on a terminal, plain counts otherwise.
    func line(bar: Bool) -> String {
        let parts = channels.map { counts -> String in
            let live = counts.delivered + counts.pending + counts.dead
            let summary = "\(counts.delivered) delivered, \(counts.pending) pending, \(counts.dead) failed"
            guard bar, live > 0 else { return "\(counts.channel): \(summary)" }
            let width = 20
            let done = (counts.delivered + counts.dead) * width / live
            return
                "\(counts.channel) [\(String(repeating: "#", count: done))\(String(repeating: ".", count: width - done))] \(summary)"
        }
        return parts.isEmpty ? "no deliveries" : parts.joined(separator: " | ")
    }
}
