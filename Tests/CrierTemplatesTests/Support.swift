import CrierCore
import CrierTemplates
import Foundation

/// Locations and values the template tests share.
enum Support {
    /// A fixture templates folder copied into the test bundle.
    static func fixture(_ name: String) throws -> URL {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureMissing(name: "Fixtures")
        }
        return root.appendingPathComponent(name)
    }

    /// The repository's shipped `templates/` folder, found from this source file.
    static var shippedTemplates: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("templates")
    }

    /// 26 November 2026, 10:00 in London.
    static let sent = Date(timeIntervalSince1970: 1_795_687_200)

    static func context(status: AlertStatus = .actual) -> RenderContext {
        RenderContext(
            areas: [.init(id: "east", name: "East NPA"), .init(id: "central", name: "Central NPA")],
            senderName: "Safer Leicester Partnership", status: status, sent: sent,
            unsubscribeURL: "https://example.org/unsubscribe/abc123", alertID: "msg_test1")
    }

    struct FixtureMissing: Error {
        var name: String
    }
}
