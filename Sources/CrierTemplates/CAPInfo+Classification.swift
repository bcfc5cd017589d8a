public import CrierCore

extension CAPInfo {
    /// This classification with a message's own urgency, severity and certainty, when it has them
    /// (a scheduled reminder); a value that is not CAP 1.2's keeps the template's.
    public func classified(as classification: CAPClassification?) -> CAPInfo {
        guard let classification else { return self }
        var result = self
        result.urgency = Urgency(rawValue: classification.urgency) ?? urgency
        result.severity = Severity(rawValue: classification.severity) ?? severity
        result.certainty = Certainty(rawValue: classification.certainty) ?? certainty
        return result
    }
}
