public import Foundation

/// Whether an alert is real, a rehearsal, or a technical test (CAP's `status`).
public enum AlertStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case actual
    case exercise
    case test
}

/// What kind of message this is in an alert's history (CAP's `msgType`).
public enum MessageKind: String, Sendable, Hashable, Codable, CaseIterable {
    case alert
    case update
    case cancel
}

/// A composed message as the outbox holds it: what was said, to which areas, about what.
public struct MessageRecord: Sendable, Equatable, Codable {
    /// Stable, unique id (`msg_…`); the CAP identifier and the alert id operators type.
    public var id: String
    public var kind: MessageKind
    public var status: AlertStatus
    public var template: String
    public var topic: String
    public var areas: [String]
    public var priority: Priority
    /// Where it stands in its lifecycle (see `MessageLifecycle`).
    public var state: MessageState
    /// The headline (subject line of the default locale).
    public var headline: String
    /// The message this one updates or cancels.
    public var references: String?
    /// Who proposed it (an operator, or `scheduler`).
    public var proposedBy: String
    public var createdAt: Date
    public var expiresAt: Date?
    /// The template variables it was composed with, as JSON (for updates and CAP).
    public var variablesJSON: String
    /// When it was released to its recipients and the public; nil while held, and for ever if it never was.
    public var releasedAt: Date?
    /// The CAP urgency, severity and certainty it was sent with, when not its template's (nil: the template's).
    public var cap: CAPClassification?

    public init(
        id: String, kind: MessageKind = .alert, status: AlertStatus = .actual, template: String,
        topic: String, areas: [String], priority: Priority, state: MessageState = .queued, headline: String,
        references: String? = nil, proposedBy: String, createdAt: Date, expiresAt: Date? = nil,
        variablesJSON: String = "{}", releasedAt: Date? = nil, cap: CAPClassification? = nil
    ) {
        self.id = id
        self.kind = kind
        self.status = status
        self.template = template
        self.topic = topic
        self.areas = areas
        self.priority = priority
        self.state = state
        self.headline = headline
        self.references = references
        self.proposedBy = proposedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.variablesJSON = variablesJSON
        self.releasedAt = releasedAt ?? (state == .queued ? createdAt : nil)
        self.cap = cap
    }
}

/// A message rendered for one channel and locale; shared by every delivery in that locale.
public struct Rendition: Sendable, Equatable, Codable {
    public var messageID: String
    public var channel: Channel
    public var locale: String
    public var subject: String
    public var textBody: String
    public var htmlBody: String
    public var payload: Data
    public var payloadContentType: String

    public init(
        messageID: String, channel: Channel, locale: String, subject: String = "", textBody: String = "",
        htmlBody: String = "", payload: Data = Data(), payloadContentType: String = "application/json"
    ) {
        self.messageID = messageID
        self.channel = channel
        self.locale = locale
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.payload = payload
        self.payloadContentType = payloadContentType
    }
}

/// A delivery to be written with its message: only what differs per recipient.
public struct NewDelivery: Sendable, Equatable {
    public var channel: Channel
    /// URL or email address.
    public var destination: String
    /// The concurrency and rate-limit group: the endpoint id for webhooks, `email` for the relay.
    public var route: String
    public var endpointID: String?
    public var subscriberID: Int64?
    public var recipientName: String?
    public var unsubscribeToken: String?
    public var locale: String
    /// The idempotency key of the delivery this one follows up (an update or cancellation of what
    /// the same recipient received), for an email's `In-Reply-To` and `References`.
    public var inReplyTo: String?

    public init(
        channel: Channel, destination: String, route: String, endpointID: String? = nil,
        subscriberID: Int64? = nil, recipientName: String? = nil, unsubscribeToken: String? = nil,
        locale: String = "en", inReplyTo: String? = nil
    ) {
        self.inReplyTo = inReplyTo
        self.channel = channel
        self.destination = destination
        self.route = route
        self.endpointID = endpointID
        self.subscriberID = subscriberID
        self.recipientName = recipientName
        self.unsubscribeToken = unsubscribeToken
        self.locale = locale
    }
}

/// A delivery row as the outbox holds it.
public struct DeliveryRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var messageID: String
    public var channel: Channel
    public var destination: String
    public var route: String
    public var endpointID: String?
    public var subscriberID: Int64?
    public var recipientName: String?
    public var unsubscribeToken: String?
    public var locale: String
    public var state: DeliveryState
    /// Answered attempts so far: attempts that ended with an outcome (an answer, a refusal, a
    /// timeout). Back-off and the dead-letter budget count these.
    public var attempts: Int
    /// How many times the delivery was claimed, ever: the claim number that, with the lease owner,
    /// fences a result to the claim it ran under. Never goes back.
    public var claims: Int
    /// Claims since the last outcome that ended without one (their process died or stalled past its
    /// lease); at `RetryPolicy.maximumClaimsWithoutOutcome` the delivery is a poison dead letter.
    public var claimsWithoutOutcome: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    /// Stable across retries and restarts: `webhook-id`, and the local part of `Message-ID`.
    public var idempotencyKey: String
    public var priority: Priority
    public var createdAt: Date
    public var updatedAt: Date
    /// The idempotency key of the delivery this one follows up, if any.
    public var inReplyTo: String?

    public init(
        id: Int64, messageID: String, channel: Channel, destination: String, route: String,
        endpointID: String?, subscriberID: Int64?, recipientName: String?, unsubscribeToken: String?,
        locale: String, state: DeliveryState, attempts: Int, nextAttemptAt: Date, lastError: String?,
        idempotencyKey: String, priority: Priority, createdAt: Date, updatedAt: Date, inReplyTo: String? = nil,
        claims: Int = 0, claimsWithoutOutcome: Int = 0
    ) {
        self.inReplyTo = inReplyTo
        self.claims = claims
        self.claimsWithoutOutcome = claimsWithoutOutcome
        self.id = id
        self.messageID = messageID
        self.channel = channel
        self.destination = destination
        self.route = route
        self.endpointID = endpointID
        self.subscriberID = subscriberID
        self.recipientName = recipientName
        self.unsubscribeToken = unsubscribeToken
        self.locale = locale
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.idempotencyKey = idempotencyKey
        self.priority = priority
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// How one attempt ended, as the dispatcher reports it to the outbox.
public struct AttemptResult: Sendable, Equatable {
    public var deliveryID: Int64
    /// The answered attempt's number, from 1 (claims that ended without an outcome are not counted).
    public var attempt: Int
    /// The claim number the attempt ran under (`DeliveryRecord.claims` when it was claimed).
    public var claim: Int
    /// The worker that held the lease the attempt ran under. With `claim` it fences the lease:
    /// a result arriving after the delivery was claimed again does not change its state.
    public var leaseOwner: String
    public var startedAt: Date
    public var finishedAt: Date
    public var outcome: DeliveryOutcome
    /// The action the state machine chose.
    public var action: DeliveryStateMachine.Action

    public init(
        deliveryID: Int64, attempt: Int, claim: Int, leaseOwner: String, startedAt: Date, finishedAt: Date,
        outcome: DeliveryOutcome,
        action: DeliveryStateMachine.Action
    ) {
        self.deliveryID = deliveryID
        self.attempt = attempt
        self.claim = claim
        self.leaseOwner = leaseOwner
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.action = action
    }
}

/// One line of the audit log: who did what, to which thing, when.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int64?
    public var at: Date
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String
    /// The operating-system account that wrote the entry (`uid=1000(alice)`, with `sudo_user=` under
    /// sudo), beside the claimed `actor`; the store fills it in when nil.
    public var osUser: String?

    public init(
        id: Int64? = nil, at: Date, actor: String, action: String, subject: String, detail: String = "",
        osUser: String? = nil
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
        self.osUser = osUser
    }
}

/// The outbox's counts for `crier status`.
public struct OutboxSummary: Sendable, Equatable, Codable {
    /// Deliveries per state.
    public var byState: [String: Int]
    /// Age in seconds of the oldest delivery still pending or leased, if any.
    public var oldestPendingAge: Double?
    /// Endpoints disabled after an HTTP 410, with the reason.
    public var disabledEndpoints: [String: String]

    public init(byState: [String: Int], oldestPendingAge: Double?, disabledEndpoints: [String: String]) {
        self.byState = byState
        self.oldestPendingAge = oldestPendingAge
        self.disabledEndpoints = disabledEndpoints
    }
}
