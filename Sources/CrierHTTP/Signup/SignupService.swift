/// What the sign-up pages need from the installation: the choices the form offers, recording a
/// request (which sends the confirmation email), and confirming one by its link's token.
public protocol SignupService: Sendable {
    /// The form's choices and consent statement, worded in `locale`.
    func form(locale: String) -> SignupFormContent
    /// Records a sign-up and queues its confirmation email. Answers `.accepted` whether or not
    /// the address is already known (no enumeration), `.invalid` naming the bad fields; throws
    /// `SignupUnavailableError` when the installation cannot send confirmations.
    func request(_ submission: SignupSubmission) async throws -> SignupAnswer
    /// The sign-up a confirmation token stands for, while it has not been used or expired.
    func pending(token: String) async throws -> SignupSummary?
    /// Activates the subscription behind `token`; false when the token is unknown, used or expired.
    func confirm(token: String) async throws -> Bool
}

/// The choices the sign-up form offers.
public struct SignupFormContent: Sendable, Equatable {
    /// Areas by id and the name residents know.
    public var areas: [SignupChoice]
    /// Topics by id and display name.
    public var topics: [SignupChoice]
    /// Languages messages are written in, by code and name in that language.
    public var languages: [SignupChoice]
    /// The consent statement the person agrees to.
    public var consentStatement: String
    /// Its version, recorded with the consent.
    public var consentVersion: String

    public init(
        areas: [SignupChoice], topics: [SignupChoice], languages: [SignupChoice], consentStatement: String,
        consentVersion: String
    ) {
        self.areas = areas
        self.topics = topics
        self.languages = languages
        self.consentStatement = consentStatement
        self.consentVersion = consentVersion
    }
}

/// One option of a form field: the value sent and the words shown.
public struct SignupChoice: Sendable, Equatable {
    public var value: String
    public var label: String

    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}

/// What the person filled in.
public struct SignupSubmission: Sendable, Equatable {
    public var email: String
    public var area: String
    /// Topic ids chosen; empty or `all` means every topic.
    public var topics: [String]
    public var locale: String
    /// Whether they ticked the consent box.
    public var consented: Bool
    /// The version of the consent statement the form showed them.
    public var consentVersion: String

    public init(
        email: String, area: String, topics: [String], locale: String, consented: Bool, consentVersion: String
    ) {
        self.email = email
        self.area = area
        self.topics = topics
        self.locale = locale
        self.consented = consented
        self.consentVersion = consentVersion
    }
}

/// The answer to a sign-up.
public enum SignupAnswer: Sendable, Equatable {
    /// Recorded (or, for an address with several waiting, quietly not sent again): the same answer
    /// for every address.
    case accepted
    /// Some fields were wrong: field name and what to fix.
    case invalid([SignupFieldProblem])
}

/// One field the person must correct.
public struct SignupFieldProblem: Sendable, Equatable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// A sign-up waiting for its confirmation, as its confirm page describes it (never the address).
public struct SignupSummary: Sendable, Equatable {
    public var areaName: String
    public var topics: [String]
    public var locale: String

    public init(areaName: String, topics: [String], locale: String) {
        self.areaName = areaName
        self.topics = topics
        self.locale = locale
    }
}

/// The installation cannot send confirmation emails (no public URL or no email relay configured).
public struct SignupUnavailableError: Error, Sendable {
    public init() {}
}
