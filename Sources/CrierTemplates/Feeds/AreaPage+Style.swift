extension AreaPage {
    /// Text colour of the EXERCISE banner (near-black).
    public static let bannerForeground = "#0b0c0c"
    /// Background colour of the EXERCISE banner (bright yellow); with `bannerForeground` about 14:1 contrast.
    public static let bannerBackground = "#ffdd00"

    /// The page's style sheet: large text, a narrow column, long words wrapped so a 390 px phone never scrolls sideways.
    static let styleSheet = [
        "html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }",
        "body { font-family: system-ui, sans-serif; font-size: 1.25rem; line-height: 1.6; max-width: 40em;"
            + " margin: 0 auto; padding: 1rem; color: #111; background: #fff; overflow-wrap: anywhere; }",
        "h1, h2, h3, h4 { line-height: 1.25; } h4 { font-size: 1.1em; margin: 1.25em 0 0.5em; }",
        "ul { padding-left: 1.5em; } li + li { margin-top: 0.4em; }",
        "nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25em 1.5em; }",
        "nav li + li { margin-top: 0; }",
        "article { border-top: 2px solid #444; margin-top: 1.5rem; }",
        "a { color: #0b3d91; } .meta { color: #333; } .updated, .status { font-weight: bold; }",
        ".banner { color: \(bannerForeground); background: \(bannerBackground); border: 3px solid"
            + " \(bannerForeground); padding: 0.75rem 1rem; font-weight: bold; }",
        "footer { border-top: 2px solid #444; margin-top: 2rem; } footer h2 { font-size: 1.25em; }",
    ]
}
