import CrierTemplates
import Foundation
import Testing

/// The realistic area page opened in headless Chromium: the DOM it parses, screenshots at phone and desktop
/// widths, and a measurement that nothing is wider than a 390 px phone.
///
/// Headless Chromium will not make a window narrower than 500 px (a 390 px screenshot is a crop of a 500 px
/// layout), so the page is shown in a 390 px wide iframe of a wrapper page: the iframe is a real 390 px viewport.
@Suite("Area pages in headless Chromium", .serialized)
struct AreaPageBrowserTests {
    /// Where the screenshots and the pages they show are kept after the run, for a reader to open.
    static var outputFolder: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("crier-page-screenshots")
    }

    /// Measures, inside the iframe, the viewport, the document's width and every element sticking out
    /// (its box, or its content: text that does not wrap overflows its paragraph, not the paragraph's box),
    /// and writes the numbers on the wrapper page's `<html>` where `--dump-dom` shows them.
    static let probe = """
        <script>
        (function () {
          var root = document.documentElement, wide = [], all = document.body.getElementsByTagName('*');
          for (var i = 0; i < all.length; i++) {
            var box = all[i].getBoundingClientRect(), right = box.left + Math.max(box.width, all[i].scrollWidth);
            if (right > root.clientWidth + 0.5 || box.left < -0.5) { wide.push(all[i].tagName.toLowerCase()); }
          }
          var target = parent.document.documentElement;
          target.setAttribute('data-viewport-width', String(window.innerWidth));
          target.setAttribute('data-client-width', String(root.clientWidth));
          target.setAttribute('data-scroll-width', String(root.scrollWidth));
          target.setAttribute('data-overflowing', wide.join(' '));
        })();
        </script>
        """

    /// What the probe measured.
    struct Measurement {
        var viewport: Int
        var client: Int
        var scroll: Int
        var overflowing: String
    }

    /// Writes `html` as `areas/<name>.html` in the output folder, as the site lays it out.
    static func write(_ html: String, name: String) throws -> URL {
        let areas = outputFolder.appendingPathComponent("site/areas")
        try FileManager.default.createDirectory(at: areas, withIntermediateDirectories: true)
        let file = areas.appendingPathComponent("\(name).html")
        try Data(html.utf8).write(to: file)
        return file
    }

    /// A wrapper page showing `page` in an iframe of `width` × `height` CSS pixels at its top left corner.
    static func frame(_ page: URL, width: Int, height: Int) throws -> URL {
        let wrapper = """
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><title>\(width) px</title>
            <style>body { margin: 0; } iframe { display: block; border: 0; width: \(width)px; height: \(height)px; }</style>
            </head><body><iframe src="\(page.lastPathComponent)"></iframe></body></html>
            """
        let file = page.deletingLastPathComponent()
            .appendingPathComponent("\(page.deletingPathExtension().lastPathComponent)-frame-\(width)x\(height).html")
        try Data(wrapper.utf8).write(to: file)
        return file
    }

    /// Lays `html` out in a 390 px wide iframe and returns what the probe measured there.
    static func measure(_ html: String, name: String) async throws -> Measurement {
        let page = try write(html.replacingOccurrences(of: "</body>", with: probe + "\n</body>"), name: name)
        let dom = try await Chromium.dumpDOM(try frame(page, width: 390, height: 900))
        func number(_ name: String) throws -> Int {
            let match = try #require(dom.firstMatch(of: try Regex("\(name)=\"([0-9]+)\"")), "no \(name) in \(dom)")
            return try #require(Int(String(match.output[1].substring ?? "")))
        }
        let overflowing = dom.firstMatch(of: /data-overflowing="([^"]*)"/).map { String($0.output.1) } ?? "?"
        return Measurement(
            viewport: try number("data-viewport-width"), client: try number("data-client-width"),
            scroll: try number("data-scroll-width"), overflowing: overflowing)
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ data: Data) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](data.prefix(24))
        try #require(bytes.count == 24 && bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func integer(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (integer(16), integer(20))
    }

    @Test("Chromium parses the page: lang, one h1, the links first, lists and the EXERCISE banner")
    func parsedDOM() async throws {
        let page = try Self.write(AreaPageSamples.realistic.html(), name: "east")
        let dom = try await Chromium.dumpDOM(page)
        #expect(dom.contains("<html lang=\"en-GB\">"))
        #expect(dom.components(separatedBy: "<h1").count - 1 == 1)
        #expect(dom.contains("<ul>") && dom.contains("<li>"))
        #expect(dom.contains("<p class=\"banner\" role=\"note\">EXERCISE – this is a practice message"))
        #expect(!dom.contains("<p>- "))
        #expect(!dom.lowercased().contains("<script"))
        let nav = try #require(dom.range(of: "<nav"))
        let main = try #require(dom.range(of: "<main>"))
        #expect(nav.lowerBound < main.lowerBound)
    }

    @Test("screenshots at 390 px (a phone) and 1200 px (a desktop)", arguments: [(390, 900), (390, 2600), (1200, 900)])
    func screenshot(width: Int, height: Int) async throws {
        let page = try Self.write(AreaPageSamples.realistic.html(), name: "east")
        let file = Self.outputFolder.appendingPathComponent("area-page-\(width)x\(height).png")
        try await Chromium.screenshot(
            try Self.frame(page, width: width, height: height), to: file, width: width,
            height: height)
        print("Area page screenshot, \(width)x\(height): \(file.path)")
        let data = try Data(contentsOf: file)
        #expect(data.count > 20_000, "a screenshot of \(data.count) bytes is too small to show the page")
        let size = try Self.pngSize(data)
        #expect(size.width == width && size.height == height)
    }

    @Test("nothing on the page is wider than a 390 px phone")
    func fitsAPhone() async throws {
        let measured = try await Self.measure(AreaPageSamples.realistic.html(), name: "east-probe")
        #expect(measured.viewport == 390, "the iframe is not a 390 px viewport")
        #expect(measured.scroll <= measured.client, "the page is \(measured.scroll) px wide in \(measured.client) px")
        #expect(measured.overflowing.isEmpty, "sticking out: \(measured.overflowing)")
    }

    @Test("the measurement notices a page that does not fit: the same page without overflow-wrap")
    func probeNoticesOverflow() async throws {
        let html = AreaPageSamples.realistic.html().replacingOccurrences(of: " overflow-wrap: anywhere;", with: "")
        #expect(!html.contains("overflow-wrap"))
        let measured = try await Self.measure(html, name: "east-probe-unwrapped")
        #expect(measured.viewport == 390)
        #expect(measured.scroll > measured.client)
        #expect(!measured.overflowing.isEmpty)
    }
}
