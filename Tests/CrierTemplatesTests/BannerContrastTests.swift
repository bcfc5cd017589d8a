import CrierTemplates
import Foundation
import Testing

@Suite("EXERCISE banner colours")
struct BannerContrastTests {
    /// The WCAG 2 relative luminance of a `#rrggbb` colour.
    static func luminance(_ hex: String) throws -> Double {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        let value = try #require(digits.count == 6 ? UInt32(digits, radix: 16) : nil, "not #rrggbb: \(hex)")
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { channel in
            let srgb = Double(channel) / 255
            return srgb <= 0.039_28 ? srgb / 12.92 : pow((srgb + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    /// The WCAG 2 contrast ratio of two colours, from 1 to 21.
    static func contrast(_ first: String, _ second: String) throws -> Double {
        let (a, b) = (try luminance(first), try luminance(second))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    @Test(
        "the formula gives the known answers", arguments: [("#000000", "#ffffff", 21.0), ("#777777", "#ffffff", 4.48)])
    func knownAnswers(first: String, second: String, ratio: Double) throws {
        #expect(abs(try Self.contrast(first, second) - ratio) < 0.01)
    }

    @Test("the banner's text and background reach WCAG AAA contrast (at least 7:1)")
    func bannerContrast() throws {
        let ratio = try Self.contrast(AreaPage.bannerForeground, AreaPage.bannerBackground)
        #expect(ratio >= 7, "contrast \(ratio):1")
    }
}
