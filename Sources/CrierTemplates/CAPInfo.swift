/// The CAP 1.2 classification a template's alerts carry, so CAP and JSON payloads need no guessing.
public struct CAPInfo: Sendable, Hashable {
    /// CAP `category` values.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        case geo = "Geo", met = "Met", safety = "Safety", security = "Security", rescue = "Rescue"
        case fire = "Fire", health = "Health", env = "Env", transport = "Transport", infra = "Infra"
        case cbrne = "CBRNE", other = "Other"
    }

    /// CAP `urgency` values.
    public enum Urgency: String, Sendable, Hashable, CaseIterable {
        case immediate = "Immediate", expected = "Expected", future = "Future", past = "Past", unknown = "Unknown"
    }

    /// CAP `severity` values.
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case extreme = "Extreme", severe = "Severe", moderate = "Moderate", minor = "Minor", unknown = "Unknown"
    }

    /// CAP `certainty` values.
    public enum Certainty: String, Sendable, Hashable, CaseIterable {
        case observed = "Observed", likely = "Likely", possible = "Possible", unlikely = "Unlikely"
        case unknown = "Unknown"
    }

    /// CAP `responseType` values.
    public enum ResponseType: String, Sendable, Hashable, CaseIterable {
        case shelter = "Shelter", evacuate = "Evacuate", prepare = "Prepare", execute = "Execute"
        case avoid = "Avoid", monitor = "Monitor", assess = "Assess", allClear = "AllClear", none = "None"
    }

    public var category: Category
    public var event: String
    public var urgency: Urgency
    public var severity: Severity
    public var certainty: Certainty
    public var responseType: ResponseType

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
