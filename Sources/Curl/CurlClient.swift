import CCurl
import Foundation
import Synchronization

/// Makes HTTP and SMTP transfers over one libcurl multi handle shared by every caller.
///
/// One dedicated thread drives all transfers, so hundreds can be in flight while callers simply
/// `await`; connections (HTTP keep-alive, SMTP sessions) are reused from the multi handle's cache.
/// Every resolved address passes the `AddressGuard` before a socket is opened.
public final class CurlClient: Sendable {
    /// How many idle connections the client keeps for reuse, and which addresses it may reach.
    ///
    /// The client never caps connections per host or in total: libcurl would queue a transfer
    /// beyond such a cap for as long as the transfers ahead of it take, a wait no timeout bounds and
    /// the caller cannot see. Callers bound how many transfers they start (the dispatcher's per-route
    /// limits); every transfer submitted gets its own connection at once, or reuses an idle one.
    public struct Configuration: Sendable, Equatable {
        /// Idle connections kept open for reuse (`CURLMOPT_MAXCONNECTS`); a limit on the cache, not a queue.
        public var maxIdleConnections: Int
        /// The `allow_private` shorthand: when true, `AddressGuard.privateNetworks` may be reached too.
        public var allowPrivateAddresses: Bool
        /// Special-purpose networks these transfers may reach besides public addresses (metadata never).
        public var allowedNetworks: [IPNetwork] = []

        /// The guard every transfer of this client starts from.
        var addressGuard: AddressGuard {
            AddressGuard(allowing: (allowPrivateAddresses ? AddressGuard.privateNetworks : []) + allowedNetworks)
        }

        /// Makes a configuration.
        public init(maxIdleConnections: Int = 64, allowPrivateAddresses: Bool = false) {
            self.maxIdleConnections = maxIdleConnections
            self.allowPrivateAddresses = allowPrivateAddresses
        }
    }

    /// The configuration the client was made with.
    public let configuration: Configuration
    private let loop: CurlLoop

    /// Starts the client and its transfer thread.
    public init(configuration: Configuration = Configuration()) throws(CurlError) {
        self.configuration = configuration
        loop = try CurlLoop(maxIdleConnections: configuration.maxIdleConnections)
    }

    deinit {
        loop.requestStop()
    }

    /// Stops the transfer thread; transfers still in flight fail with `.shutdown`.
    public func shutdown() async {
        await loop.stop()
    }

    /// POSTs `request.body` to `request.url` and returns the final response (redirects are not followed).
    public func post(_ request: HTTPPostRequest) async throws(CurlError) -> HTTPResponse {
        var addressGuard = configuration.addressGuard
        addressGuard.allowed += request.allowedNetworks
        let transfer = try CurlTransfer(addressGuard: addressGuard, limits: request.limits)
        try transfer.set(CURLOPT_URL, request.url)
        try transfer.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try transfer.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try transfer.setPostBody(request.body)
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        lines.append("Expect:")
        try transfer.setList(CURLOPT_HTTPHEADER, lines)
        let output = try await perform(transfer)
        return HTTPResponse(status: output.responseCode, headers: output.headers, body: output.body)
    }

    /// Hands one message to an SMTP relay and returns the relay's final reply.
    public func send(_ request: SMTPSendRequest) async throws(CurlError) -> SMTPResponse {
        let transfer = try CurlTransfer(addressGuard: configuration.addressGuard, limits: request.limits)
        try transfer.set(CURLOPT_URL, request.url)
        try transfer.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        if request.security == .none && !request.url.lowercased().hasPrefix("smtps:") {
            transfer.plainTextSMTP = PlainTextSMTP(hasCredentials: request.username != nil || request.password != nil)
        }
        try transfer.set(
            CURLOPT_USE_SSL, Int(request.security == .required ? CURLUSESSL_ALL.rawValue : CURLUSESSL_NONE.rawValue))
        if let username = request.username { try transfer.set(CURLOPT_USERNAME, username) }
        if let password = request.password { try transfer.set(CURLOPT_PASSWORD, password) }
        try transfer.set(CURLOPT_MAIL_FROM, "<\(request.from)>")
        try transfer.setList(CURLOPT_MAIL_RCPT, request.recipients.map { "<\($0)>" })
        try transfer.setUpload([UInt8](request.message))
        let output = try await perform(transfer)
        return SMTPResponse(code: output.responseCode, text: output.lastHeaderLine)
    }

    private func perform(_ transfer: CurlTransfer) async throws(CurlError) -> TransferOutput {
        let loop = self.loop
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation {
                (continuation: CheckedContinuation<Result<TransferOutput, CurlError>, Never>) in
                transfer.completion = { continuation.resume(returning: $0) }
                if Task.isCancelled {
                    transfer.fail(.failure(CurlError(code: 0, kind: .cancelled, message: "transfer cancelled")))
                } else if !loop.submit(transfer) {
                    transfer.fail(
                        .failure(CurlError(code: 0, kind: .shutdown, message: "the transfer client was shut down")))
                }
            }
        } onCancel: {
            transfer.cancelled.store(true, ordering: .relaxed)
            loop.wake()
        }
        return try result.get()
    }
}
