public import CrierCore
public import Foundation

/// The values of the built-in variables for one render: who sends, to which areas, when, and the alert's status.
public struct RenderContext: Sendable, Hashable {
    /// An area as templates see it (`areas` items have `id` and `name`).
    public struct Area: Sendable, Hashable {
        public var id: String
        public var name: String

        /// Creates an area reference.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public var areas: [Area]
    public var senderName: String
    public var status: AlertStatus
    public var kind: MessageKind
    /// When the message is sent; `sent_date` is this date in `timeZone`, written in the render locale.
    public var sent: Date
    public var timeZone: TimeZone
    public var unsubscribeURL: String
    public var recipientName: String
    public var alertID: String
    /// The id of the message this one updates or cancels; empty for a new alert.
    public var references: String
    /// For an update: the names of the variables it corrects, so the note can say what changed.
    public var changes: [String]
    /// The message's own CAP urgency, severity and certainty (a scheduled reminder's), for the
    /// default webhook body; nil means the template's.
    public var cap: CAPClassification?

    /// Creates a context; fields left out render as empty (and skip `{{#name}}` sections).
    public init(
        areas: [Area] = [], senderName: String = "", status: AlertStatus = .actual, kind: MessageKind = .alert,
        sent: Date, timeZone: TimeZone = TimeZone(identifier: "Europe/London") ?? .gmt, unsubscribeURL: String = "",
        recipientName: String = "", alertID: String = "", references: String = "", changes: [String] = [],
        cap: CAPClassification? = nil
    ) {
        self.changes = changes
        self.areas = areas
        self.senderName = senderName
        self.status = status
        self.kind = kind
        self.sent = sent
        self.timeZone = timeZone
        self.unsubscribeURL = unsubscribeURL
        self.recipientName = recipientName
        self.alertID = alertID
        self.references = references
        self.cap = cap
    }

    /// `""` for real alerts, `"[TEST] "` or `"[EXERCISE] "` otherwise, so nobody mistakes a rehearsal for an alert.
    public var statusPrefix: String {
        switch status {
        case .actual: ""
        case .exercise: "[EXERCISE] "
        case .test: "[TEST] "
        }
    }

    /// The subject prefix in `locale`: the status mark, then a localised "Update: " for an update.
    public func subjectPrefix(locale: String) -> String {
        kind == .update ? statusPrefix + UpdateWording.marker(locale: locale) : statusPrefix
    }

    /// For an update, one sentence in `locale` saying it corrects an earlier message and what changed; else empty.
    public func updateNote(locale: String) -> String {
        kind == .update ? UpdateWording.note(locale: locale, changes: changes) : ""
    }

    /// The sending date as a long, human date in `locale` (e.g. "Thursday 26 November 2026").
    public func sentDate(locale: String) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.calendar = Calendar(identifier: .gregorian)
        if locale == "en" || locale.hasPrefix("en-") {
            formatter.locale = Locale(identifier: "en_GB")
            formatter.dateFormat = "EEEE d MMMM yyyy"
        } else {
            formatter.locale = Locale(identifier: locale.replacingOccurrences(of: "-", with: "_"))
            formatter.setLocalizedDateFormatFromTemplate("EEEEdMMMMyyyy")
        }
        return formatter.string(from: sent)
    }

    /// The sending time as ISO 8601 with a numeric offset (`+00:00`, never `Z`), as CAP requires.
    public var sentISO8601: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: sent)
        let offset = timeZone.secondsFromGMT(for: sent)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600
        let minutes = abs(offset) % 3600 / 60
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, sign, hours, minutes)
    }

    /// Built-in variable values for `locale`; empty values are left out so `{{#name}}` sections skip.
    func builtIns(locale: String) -> [String: TemplateValue] {
        let values: [String: TemplateValue] = [
            "area_names": .text(areas.map(\.name).joined(separator: ", ")),
            "areas": .list(areas.map { ["id": $0.id, "name": $0.name] }),
            "sender_name": .text(senderName),
            "status": .text(status.rawValue),
            "status_prefix": .text(subjectPrefix(locale: locale)),
            "update_note": .text(updateNote(locale: locale)),
            "sent_date": .text(sentDate(locale: locale)),
            "unsubscribe_url": .text(unsubscribeURL),
            "recipient_name": .text(recipientName),
            "alert_id": .text(alertID),
            "references": .text(references),
            "locale": .text(locale),
        ]
        return values.filter { _, value in
            switch value {
            case .text(let text): !text.isEmpty
            case .list(let items): !items.isEmpty
            case .flag: true
            }
        }
    }
}
