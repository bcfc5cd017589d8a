public import CrierCore
import CrierDelivery
import CrierStore
public import Foundation

extension CrierSystem {
    /// Refuses, before anything is committed, a message this process could not deliver: a reached
    /// webhook endpoint whose signing secret is unset or unusable, or email without a relay or with
    /// an unset credentials variable that crier.yml names.
    ///
    /// `crier alert --wait` (and approve or update with `--wait`) call it so that a refusal exits 2
    /// with nothing queued, instead of committing the alert and then failing to send it.
    public func refuseUndeliverable(
        endpointIDs: some Sequence<String>, sendsEmail: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        let reached = Set(endpointIDs)
        var problems: [String] = []
        for endpoint in configuration.endpoints where reached.contains(endpoint.id) && endpoint.kind == .webhook {
            do {
                let secrets = try signingSecrets(of: endpoint, environment: environment)
                if !secrets.isEmpty { _ = try WebhookSigner(secrets: secrets) }
            } catch let error as SystemSetupError {
                problems.append(error.description)
            } catch {
                problems.append("endpoint \(endpoint.id): its signing secret is unusable: \(error)")
            }
        }
        if sendsEmail { problems += emailProblems(environment: environment) }
        guard problems.isEmpty else {
            throw SystemSetupError.undeliverable(problems: problems)
        }
    }

    /// Refuses what `plan` would send that this process could not deliver (see `refuseUndeliverable`).
    public func refuseUndeliverable(
        _ plan: AlertPlan, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        let endpoints = configuration.endpoints.filter { plan.preview.endpoints.contains($0.id) }
        try refuseUndeliverable(
            endpointIDs: endpoints.map(\.id),
            sendsEmail: plan.preview.subscribers > 0 || endpoints.contains { $0.kind == .email },
            environment: environment)
    }

    /// Refuses a message whose recipients (those of message `id`) this process could not deliver to.
    public func refuseUndeliverable(
        messageID id: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        let reach = try outbox.deliveryReach(messageID: id)
        try refuseUndeliverable(
            endpointIDs: reach.endpointIDs, sendsEmail: reach.channels.contains(.email), environment: environment)
    }

    /// Why email could not go from this process: no relay, or a credentials variable named but unset.
    private func emailProblems(environment: [String: String]) -> [String] {
        guard let email = configuration.email else {
            return ["it goes by email but crier.yml configures no email relay (email:)"]
        }
        return [
            ("username_env", email.usernameEnvironmentVariable), ("password_env", email.passwordEnvironmentVariable),
        ]
        .compactMap { key, variable in
            guard let variable, (environment[variable] ?? "").isEmpty else { return nil }
            return "email.\(key): environment variable \(variable) (SMTP credentials) is not set"
        }
    }

    /// Per channel, how message `id`'s deliveries stand, with the latest failure and the next retry.
    public func deliveryProgress(messageID id: String) throws -> [DeliveryChannelProgress] {
        try outbox.deliveryProgress(messageID: id)
    }
}
