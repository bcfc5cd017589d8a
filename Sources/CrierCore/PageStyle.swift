/// The look every HTML page Crier shows a resident shares: the published area pages and the pages
/// the HTTP service answers with (unsubscribe, preferences, sign-up).
///
/// It exists so both kinds of page keep one style, written once: large text, a narrow column, long
/// words wrapped so a 390 px phone never scrolls sideways, and high-contrast colours.
public enum PageStyle {
    /// Text colour of the EXERCISE banner (near-black).
    public static let bannerForeground = "#0b0c0c"
    /// Background colour of the EXERCISE banner (bright yellow); with `bannerForeground` about 14:1 contrast.
    public static let bannerBackground = "#ffdd00"

    /// The rules every page starts from, one rule (or a few short ones) a line.
    public static let baseRules = [
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

    /// Rules for forms, added by pages that have one: a label above or beside each control, controls
    /// in the page's type size, large tap targets, a visible focus ring and errors in dark red.
    public static let formRules = [
        "form { margin: 1.5rem 0; } label { display: block; font-weight: bold; margin-top: 1rem; }",
        "fieldset { border: 2px solid #444; margin: 1.25rem 0 0; padding: 0.5rem 1rem 1rem; min-width: 0; }",
        "legend { font-weight: bold; padding: 0 0.25em; }",
        "fieldset label { display: flex; gap: 0.6em; align-items: flex-start; font-weight: normal; margin-top: 0.5rem; }",
        "input, select, button { font: inherit; max-width: 100%; }",
        "select { display: block; padding: 0.3em; border: 2px solid #0b0c0c; background: #fff; color: #111; }",
        "input[type=checkbox], input[type=radio] { width: 1.25em; height: 1.25em; margin: 0.2em 0 0; flex: none; }",
        "button { display: inline-block; margin-top: 1.5rem; padding: 0.5em 1em; color: #fff; background: #00703c;"
            + " border: 2px solid #0b0c0c; cursor: pointer; }",
        "button.leave { background: #a4201a; }",
        ":focus-visible { outline: 3px solid #0b0c0c; outline-offset: 3px; }",
        ".error { color: #a4201a; font-weight: bold; } .field-error { border-left: 5px solid #a4201a; padding-left: 0.75rem; }",
        ".notice { border-left: 6px solid #00703c; padding-left: 1rem; font-weight: bold; }",
    ]
}
