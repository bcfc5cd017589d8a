import CrierCore
import CrierHTTP
import Foundation

/// `GET /api/v1/alerts` over one installation: the threads the published pages list as current,
/// by the same `PublishPlan` rules (released; not cancelled; not expired; `test` never; `exercise`
/// only where `publish.exercises` lists them), without bulletins, which are not alerts.
struct PartnerAlertsService: CurrentAlertsFeed {
    let system: CrierSystem

    func current(area: String?, status: String) async throws -> [CurrentAlert] {
        let configuration = system.configuration
        if let area, area != Area.cityID, configuration.area(area) == nil {
            throw APIError.badField(
                "area", "unknown area (known: \(configuration.areas.map(\.id).joined(separator: ", ")))")
        }
        guard let wanted = AlertStatus(rawValue: status), wanted != .test else {
            throw APIError.badField("status", "must be actual or exercise")
        }
        let settings = PublishSettings(configuration: configuration)
        guard settings.listedStatuses.contains(wanted) else { return [] }
        let now = system.clock.now()
        let alerts = try PublishableAlert.load(
            from: system.outbox, templates: try system.templates(), settings: settings, now: now)
        let plan = PublishPlan(alerts: alerts, settings: settings, now: now)
        return plan.current(areaID: area == Area.cityID ? nil : area)
            .filter { $0.status == wanted && $0.root.message.template != BulletinComposer.templateID }
            .map { thread in
                let latest = thread.latestAdvice
                return CurrentAlert(
                    id: thread.root.message.id, latestID: latest.message.id, status: thread.status.rawValue,
                    template: thread.root.message.template, topic: thread.root.message.topic,
                    areas: Array(thread.areaIDs).sorted(), headline: latest.message.headline,
                    instruction: latest.instruction, sent: thread.root.message.createdAt,
                    updated: latest.message.createdAt, expires: thread.end(defaultValidity: settings.defaultValidity))
            }
    }
}
