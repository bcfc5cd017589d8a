/// The CAP 1.2 classification a template's alerts carry, so CAP and JSON payloads need no guessing.
public struct CAPInfo: Sendable, Hashable {
    /// CAP `category` values.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        case geo = "Geo"
        case met = "Met"
        case safety = "Safety"
        case security = "Security"
        case rescue = "Rescue"
        case fire = "Fire"
        case health = "Health"
        case env = "Env"
        case transport = "Transport"
        case infra = "Infra"
        case cbrne = "CBRNE"
        case other = "Other"
    }

    /// CAP `urgency` values.
    public enum Urgency: String, Sendable, Hashable, CaseIterable {
        case immediate = "Immediate"
        case expected = "Expected"
        case future = "Future"
        case past = "Past"
        case unknown = "Unknown"
    }

    /// CAP `severity` values.
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case extreme = "Extreme"
        case severe = "Severe"
        case moderate = "Moderate"
        case minor = "Minor"
        case unknown = "Unknown"
    }

    /// CAP `certainty` values.
    public enum Certainty: String, Sendable, Hashable, CaseIterable {
        case observed = "Observed"
        case likely = "Likely"
        case possible = "Possible"
        case unlikely = "Unlikely"
        case unknown = "Unknown"
    }

    /// CAP `responseType` values.
    public enum ResponseType: String, Sendable, Hashable, CaseIterable {
        case shelter = "Shelter"
        case evacuate = "Evacuate"
        case prepare = "Prepare"
        case execute = "Execute"
        case avoid = "Avoid"
        case monitor = "Monitor"
        case assess = "Assess"
        case allClear = "AllClear"
        case none = "None"
    }

    public var category: Category
    public var event: String
    public var urgency: Urgency
    public var severity: Severity
    public var certainty: Certainty
    public var responseType: ResponseType

    /// What a notice (a template that is not an alert) carries in place of a classification; it
    /// never reaches a CAP document, since nothing that publishes alerts can name a notice.
    static let notice = CAPInfo(
        category: .other, event: "Notice", urgency: .unknown, severity: .unknown, certainty: .unknown,
        responseType: .none)

    /// Creates a classification (the loader builds these from `template.yml`).
    public init(
        category: Category, event: String, urgency: Urgency, severity: Severity, certainty: Certainty,
        responseType: ResponseType
    ) {
        self.category = category
        self.event = event
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.responseType = responseType
    }
}
