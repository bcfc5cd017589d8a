extension AreaPage {
    /// A short section on telling a real message from a scam that copies it.
    static func genuineSection(publisher: String) -> [String] {
        [
            "<section aria-labelledby=\"genuine\">",
            "<h2 id=\"genuine\">Is this message genuine?</h2>",
            "<ul>",
            "<li>We never ask for your bank details, passwords or PIN, and we never ask you to pay anything.</li>",
            "<li>We never ask you to call any number except 999, 101 or one you have found yourself.</li>",
            "<li>Check a message against the current alerts on this page, the official page of"
                + " \(text(publisher)).</li>",
            "<li>If you are not sure, call 101 to check.</li>",
            "</ul>",
            "</section>",
        ]
    }
}
