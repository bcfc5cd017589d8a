public import Foundation

extension CrierSystem {
    /// Writes the CAP files, feeds and area pages for what the outbox holds now.
    @discardableResult
    public func publish(to folder: URL) throws -> PublishReport {
        let library = try Composer.loadLibrary(for: configuration)
        let settings = PublishSettings(configuration: configuration)
        let now = clock.now()
        let alerts = try PublishableAlert.load(from: outbox, templates: library, settings: settings, now: now)
        return try Publisher(settings: settings).publish(to: folder, alerts: alerts, now: now)
    }
}
