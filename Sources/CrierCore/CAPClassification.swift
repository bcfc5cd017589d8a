/// The CAP 1.2 `urgency`, `severity` and `certainty` a message was sent with, when they are not
/// simply its template's (scheduled reminders, or a schedule's `cap:`).
///
/// Stored with the message, so the CAP document made when composing and the one made later when
/// publishing agree. Values are CAP's own spellings (`Future`, `Minor`, `Likely`); the schedule
/// loader checks them against CAP 1.2's enumerations.
public struct CAPClassification: Sendable, Hashable, Codable {
    /// `Immediate`, `Expected`, `Future`, `Past` or `Unknown`.
    public var urgency: String
    /// `Extreme`, `Severe`, `Moderate`, `Minor` or `Unknown`.
    public var severity: String
    /// `Observed`, `Likely`, `Possible`, `Unlikely` or `Unknown`.
    public var certainty: String

    /// A classification from CAP's spellings.
    public init(urgency: String, severity: String, certainty: String) {
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
    }

    /// What a scheduled campaign reminder says unless its schedule sets `cap:`: general advice
    /// about something that may happen (`Future`, `Minor`, `Likely`), not an observed emergency.
    public static let scheduledReminder = CAPClassification(urgency: "Future", severity: "Minor", certainty: "Likely")
}
