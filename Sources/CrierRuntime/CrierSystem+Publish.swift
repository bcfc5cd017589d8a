import CrierCore
import CrierTemplates
public import Foundation
import Logging

extension CrierSystem {
    /// Writes the CAP files, feeds and area pages for what the outbox holds now.
    @discardableResult
    public func publish(to folder: URL) throws -> PublishReport {
        try publish(to: folder, library: try templates())
    }

    func publish(to folder: URL, library: TemplateLibrary) throws -> PublishReport {
        let settings = PublishSettings(configuration: configuration)
        let now = clock.now()
        let alerts = try PublishableAlert.load(from: outbox, templates: library, settings: settings, now: now)
        return try Publisher(settings: settings).publish(to: folder, alerts: alerts, now: now)
    }
}

extension CrierSystem {
    /// Seconds between republishing runs while deliveries keep arriving.
    static let republishInterval: Double = 2
}
