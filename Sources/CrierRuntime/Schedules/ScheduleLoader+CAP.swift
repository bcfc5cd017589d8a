import CrierCore
import CrierTemplates
import CrierYAML

extension ScheduleLoader {
    /// `cap: { urgency, severity, certainty }`, each checked against CAP 1.2's values; a field left
    /// out takes the reminder default for a campaign (`Future`, `Minor`, `Likely`) and the
    /// template's value for a bulletin. Nil when the schedule has no `cap:`.
    static func readCAP(
        _ root: inout YAMLMapping, kind: Schedule.Kind, metadata: TemplateMetadata
    ) throws -> CAPClassification? {
        guard var cap = try root.mapping("cap") else { return nil }
        let fallback =
            kind == .campaign
            ? CAPClassification.scheduledReminder
            : CAPClassification(
                urgency: metadata.cap.urgency.rawValue, severity: metadata.cap.severity.rawValue,
                certainty: metadata.cap.certainty.rawValue)
        let result = CAPClassification(
            urgency: try value(&cap, "urgency", CAPInfo.Urgency.self) ?? fallback.urgency,
            severity: try value(&cap, "severity", CAPInfo.Severity.self) ?? fallback.severity,
            certainty: try value(&cap, "certainty", CAPInfo.Certainty.self) ?? fallback.certainty)
        try cap.finish(known: ["urgency", "severity", "certainty"])
        return result
    }

    /// One field, which must be one of CAP 1.2's spellings of `type`.
    private static func value<T: RawRepresentable & CaseIterable>(
        _ map: inout YAMLMapping, _ key: String, _ type: T.Type
    ) throws -> String? where T.RawValue == String {
        guard let text = try map.string(key) else { return nil }
        guard T(rawValue: text) != nil else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw map.error(key, "\"\(text)\" is not a CAP 1.2 \(key) (use one of: \(allowed))")
        }
        return text
    }
}
