public import Foundation

extension AreaPage {
    /// One piece of advice: an alert that is current, or (in `ended`) one withdrawn or expired.
    public struct Advice: Sendable, Hashable {
        public var headline: String
        /// When the alert was first issued.
        public var issued: Date
        /// When the latest correction was issued, if it has been corrected.
        public var updated: Date?
        /// True when this is an update of an earlier alert.
        public var isUpdate: Bool
        /// True for a practice message: the page marks it EXERCISE and says no action is needed.
        public var isExercise: Bool
        public var summary: String
        /// What to do.
        public var instruction: String
        public var expires: Date?
        /// Set when the alert has been cancelled (only items in `ended` have one).
        public var cancellation: Cancellation?
        /// Link to the CAP XML, relative to the page.
        public var capHref: String

        /// Creates an item of advice.
        public init(
            headline: String, issued: Date, updated: Date? = nil, isUpdate: Bool = false, isExercise: Bool = false,
            summary: String, instruction: String, expires: Date? = nil, cancellation: Cancellation? = nil,
            capHref: String
        ) {
            self.headline = headline
            self.issued = issued
            self.updated = updated
            self.isUpdate = isUpdate
            self.isExercise = isExercise
            self.summary = summary
            self.instruction = instruction
            self.expires = expires
            self.cancellation = cancellation
            self.capHref = capHref
        }
    }

    /// When and why an alert was cancelled.
    public struct Cancellation: Sendable, Hashable {
        /// When the cancellation was issued.
        public var at: Date
        /// Why, in a few words ("sent by mistake"); may be empty.
        public var reason: String

        /// Creates a cancellation.
        public init(at: Date, reason: String) {
            self.at = at
            self.reason = reason
        }
    }
}
