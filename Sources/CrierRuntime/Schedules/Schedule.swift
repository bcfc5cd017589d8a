public import CrierCore
public import CrierTemplates
public import Foundation

/// One schedule file, validated: what to send, to whom, and when.
///
/// The id is the file name without `.yml`; the slot records in the outbox are keyed by it, so
/// renaming a file starts a new schedule.
public struct Schedule: Sendable {
    /// What a schedule sends when a slot fires.
    public enum Kind: String, Sendable, Hashable {
        /// Composes its template with its own `vars`.
        case campaign
        /// Composes `area-bulletin` for each area from the advice that area received in `period`.
        case bulletin
    }

    /// Whether quiet hours hold this schedule's slots.
    public enum QuietHoursPolicy: String, Sendable, Hashable {
        /// A slot due in quiet hours waits until they end (the default).
        case respect
        /// Fires at its time, quiet or not.
        case ignore
    }

    /// The file name without `.yml`.
    public var id: String
    /// The file it came from, as the user named it (for errors and listings).
    public var file: String
    public var kind: Kind
    /// The template to compose (`area-bulletin` for bulletins).
    public var template: String
    /// Area ids, or `city` for every area.
    public var areas: [String]
    /// Channels to use; all when empty.
    public var channels: Set<Channel>
    /// The template variables, as written.
    public var variables: [String: TemplateValue]
    /// When it fires.
    public var timetable: Timetable
    /// The zone its wall times are in.
    public var timeZone: TimeZone
    public var quietHours: QuietHoursPolicy
    public var enabled: Bool
    /// For bulletins: how far back the advice is gathered, in seconds (default 7 days).
    public var period: TimeInterval
    /// What the schedule is for, in the operator's words (optional).
    public var summary: String?
    /// The CAP urgency, severity and certainty its messages carry (`cap:`); nil means a campaign's
    /// reminder default (`CAPClassification.scheduledReminder`) or a bulletin's template values.
    public var cap: CAPClassification?

    /// A schedule from its parts (the loader builds these from files; tests build them directly).
    public init(
        id: String, file: String = "", kind: Kind = .campaign, template: String, areas: [String],
        channels: Set<Channel> = [],
        variables: [String: TemplateValue] = [:], timetable: Timetable, timeZone: TimeZone,
        quietHours: QuietHoursPolicy = .respect, enabled: Bool = true, period: TimeInterval = 7 * 86_400,
        summary: String? = nil, cap: CAPClassification? = nil
    ) {
        self.id = id
        self.file = file
        self.kind = kind
        self.template = template
        self.areas = areas
        self.channels = channels
        self.variables = variables
        self.timetable = timetable
        self.timeZone = timeZone
        self.quietHours = quietHours
        self.enabled = enabled
        self.period = period
        self.summary = summary
        self.cap = cap
    }

    /// `cron 0 9 * * MON` or `at 2026-10-10T10:00`, for listings.
    public var timingDescription: String {
        switch timetable.timing {
        case .cron(let expression): "cron \(expression.source)"
        case .once(let time): "at \(time.description)"
        }
    }

    /// The CAP classification its messages are stored with: its own `cap:`, else for a campaign the
    /// reminder default; nil (a bulletin without `cap:`) means the template's.
    public var messageCAP: CAPClassification? {
        cap ?? (kind == .campaign ? .scheduledReminder : nil)
    }

    /// Who asked for the messages it composes (`schedule:<id>`).
    public var proposer: String { "schedule:\(id)" }
}
