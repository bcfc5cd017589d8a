import ArgumentParser
import CrierRuntime
import Foundation

/// The `crier` command: composes and delivers public-safety advice.
@main
struct Crier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crier",
        abstract: "Compose public-safety advice from templates and deliver it to residents and partners.",
        discussion: """
            Exit status: 0 success, 1 failure, 2 bad usage or bad input (nothing was changed), 3 committed \
            but not followed to the end (`--wait` interrupted, timed out, awaiting approval, or unable to \
            deliver from this process: the alert is queued, do not send it again).
            The configuration file comes from --config, else $CRIER_CONFIG, else ./crier.yml.
            """,
        subcommands: [
            RunCommand.self, ServeCommand.self, StatusCommand.self, DeliveriesCommand.self, PlanCommand.self,
            SchedulesCommand.self,
            SubscribersCommand.self, TemplatesCommand.self, PreviewCommand.self, PublishCommand.self, AlertCommand.self,
            ApproveCommand.self, RejectCommand.self, CancelCommand.self, UpdateCommand.self, AlertsCommand.self,
            AuditCommand.self, PartnersCommand.self, BouncesCommand.self, BulletinCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exitReporting(error)
        }
    }

    /// Prints `error` the way a user can act on it and exits with the documented status.
    static func exitReporting(_ error: any Error) -> Never {
        if let failure = error as? CommandFailure {
            report(failure.message)
            Foundation.exit(failure.isBadInput ? 2 : 1)
        }
        if let notFollowed = error as? NotFollowed {
            report(notFollowed.message)
            Foundation.exit(3)
        }
        if let problem = error as? ConfigurationError {
            report("\(problem)")
            Foundation.exit(2)
        }
        if let problem = error as? any BadInput {
            report("\(problem)")
            Foundation.exit(2)
        }
        let code = exitCode(for: error)
        if code == .success {
            exit(withError: error)
        }
        if code == .validationFailure || code.rawValue == 64 {
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
        report(String(describing: error))
        Foundation.exit(1)
    }

    /// Writes `message` to standard error after `crier: `, each line's control characters escaped.
    static func report(_ message: String) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map {
            TerminalText.line(String($0))
        }
        FileHandle.standardError.write(Data("crier: \(lines.joined(separator: "\n"))\n".utf8))
    }
}

/// A failure a command reports with its own message and exit status.
struct CommandFailure: Error {
    let message: String
    /// Exit 2 (bad input) rather than 1 (something failed).
    let isBadInput: Bool
}
