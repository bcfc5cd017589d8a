import CrierCore
import CrierStore
import CrierTemplates
import Foundation

/// How many recipients a schedule's message would reach now: subscribed residents plus endpoints.
///
/// Counts without rendering, and remembers each (areas, topic, channels) answer, so planning a
/// year of a thousand schedules asks the database only a few questions.
final class ScheduleAudience {
    private let system: CrierSystem
    private let library: TemplateLibrary
    private let disabled: Set<String>
    private var counts: [String: Int] = [:]

    init(system: CrierSystem, library: TemplateLibrary) throws {
        self.system = system
        self.library = library
        self.disabled = Set(try system.outbox.disabledEndpoints().keys)
    }

    /// Residents and endpoints `schedule` would reach now (for a bulletin: over all its areas).
    func recipients(of schedule: Schedule) throws -> Int {
        guard let topic = library.metadata(for: schedule.template)?.topic else { return 0 }
        let channels = schedule.channels.isEmpty ? Set(Channel.allCases) : schedule.channels
        let everywhere = schedule.areas.contains(Area.cityID)
        let areas = everywhere ? [Area.cityID] : schedule.areas.sorted()
        let cacheKey =
            "\(areas.joined(separator: ","))|\(topic)|\(channels.map(\.rawValue).sorted().joined(separator: ","))"
        if let known = counts[cacheKey] { return known }
        let targets = Set(areas)
        let endpoints = system.configuration.endpoints.filter { endpoint in
            channels.contains(endpoint.kind) && endpoint.receives(topic: topic, targetAreas: targets)
                && !disabled.contains(endpoint.id)
        }.count
        let residents =
            channels.contains(.email)
            ? try system.outbox.countSubscribers(areas: everywhere ? nil : targets, topic: topic, testOnly: false) : 0
        counts[cacheKey] = endpoints + residents
        return endpoints + residents
    }
}
