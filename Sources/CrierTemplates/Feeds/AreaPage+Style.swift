import CrierCore

extension AreaPage {
    /// Text colour of the EXERCISE banner (near-black).
    public static let bannerForeground = PageStyle.bannerForeground
    /// Background colour of the EXERCISE banner (bright yellow); with `bannerForeground` about 14:1 contrast.
    public static let bannerBackground = PageStyle.bannerBackground

    /// The page's style sheet: the look every resident-facing page shares (`PageStyle`).
    static let styleSheet = PageStyle.baseRules
}
