public import Foundation

extension AreaPage {
    /// The newest scheduled bulletin, shown in full.
    public struct Bulletin: Sendable, Hashable {
        public var headline: String
        public var issued: Date
        public var body: String

        /// Creates a bulletin.
        public init(headline: String, issued: Date, body: String) {
            self.headline = headline
            self.issued = issued
            self.body = body
        }
    }
}
