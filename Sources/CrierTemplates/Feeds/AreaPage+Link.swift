extension AreaPage {
    /// A link to another page (the index lists the area pages this way).
    public struct Link: Sendable, Hashable {
        public var title: String
        public var href: String

        /// Creates a link.
        public init(title: String, href: String) {
            self.title = title
            self.href = href
        }
    }
}
