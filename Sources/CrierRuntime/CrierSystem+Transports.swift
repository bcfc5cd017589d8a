public import CrierCore
import CrierDelivery
import Curl
public import Foundation
public import Logging

extension CrierSystem {
    /// Builds the webhook and email transports crier.yml describes, reading secrets from the environment.
    ///
    /// An endpoint whose signing secret variable is unset, or an unusable secret, stops start-up:
    /// sending unsigned messages to a partner that expects signatures would be worse than not sending.
    ///
    /// `signingClock` stamps `webhook-timestamp` (default: this system's clock); a fast-forwarded run
    /// passes the real clock, since receivers check the timestamp against their own time.
    public func makeTransports(
        logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
        signingClock: (any Clock)? = nil
    ) throws -> [Channel: any Transport] {
        let dispatch = configuration.dispatch
        var transports: [Channel: any Transport] = [:]

        var secrets: [String: [String]] = [:]
        for endpoint in configuration.endpoints where endpoint.kind == .webhook {
            secrets[endpoint.id] = try signingSecrets(of: endpoint, environment: environment)
        }
        let webhookLimits = TransferLimits(
            connectTimeout: dispatch.connectTimeout, totalTimeout: dispatch.requestTimeout,
            maxResponseBytes: dispatch.maxResponseBytes)
        var webhookConfiguration = WebhookTransport.Configuration(
            limits: webhookLimits, allowPrivateAddresses: configuration.allowPrivateNetworks,
            maxConnections: max(64, dispatch.maxInFlight))
        webhookConfiguration.allowedNetworks = configuration.allowedNetworks
        webhookConfiguration.endpointAllowedNetworks = configuration.endpointAllowedNetworks
        do {
            transports[.webhook] = try WebhookTransport(
                configuration: webhookConfiguration, secrets: secrets, clock: signingClock ?? clock, logger: logger)
        } catch let error as WebhookSignerError {
            throw SystemSetupError.unusableSigningSecret(reason: "\(error)")
        }

        // Residents' emails and email endpoints both go through the relay; without one, emails wait.
        if let email = configuration.email {
            let username = email.usernameEnvironmentVariable.flatMap { environment[$0] }.flatMap {
                $0.isEmpty ? nil : $0
            }
            let password = email.passwordEnvironmentVariable.flatMap { environment[$0] }
            if username != nil, password == nil {
                throw SystemSetupError.passwordNotSet(variable: email.passwordEnvironmentVariable ?? "password_env")
            }
            var emailConfiguration = EmailTransport.Configuration(
                relayURL: email.relay.absoluteString, security: email.tls == .required ? .required : .none,
                username: username, password: password, from: email.from,
                limits: TransferLimits(
                    connectTimeout: dispatch.connectTimeout, totalTimeout: max(60, dispatch.requestTimeout)),
                allowPrivateAddresses: configuration.allowPrivateNetworks, maxConnections: email.maxConnections)
            emailConfiguration.allowedNetworks = configuration.allowedNetworks + email.allowedNetworks
            do {
                transports[.email] = try EmailTransport(configuration: emailConfiguration, logger: logger)
            } catch let error as EmailMessageError {
                throw SystemSetupError.unusableSender(reason: "\(error)")
            }
        }
        return transports
    }

    /// The signing secrets of webhook `endpoint`, read from the variables it names; fails naming the
    /// endpoint and the variable of one that is unset or unusable (never printing the secret).
    func signingSecrets(of endpoint: Endpoint, environment: [String: String]) throws -> [String] {
        try endpoint.secretEnvironmentVariables.map { name in
            guard let value = environment[name], !value.isEmpty else {
                throw SystemSetupError.secretNotSet(endpoint: endpoint.id, variable: name)
            }
            do {
                _ = try WebhookSigner(secrets: [value])
            } catch let error as WebhookSignerError {
                throw SystemSetupError.secretUnusable(endpoint: endpoint.id, variable: name, reason: error.reason)
            }
            return value
        }
    }
}
