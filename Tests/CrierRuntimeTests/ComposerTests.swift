import CrierCore
import CrierStore
import CrierTemplates
import CrierTestSupport
import Foundation
import Testing

@testable import CrierRuntime

/// Builds a throwaway installation: a crier.yml in a temporary folder using the shipped templates.
struct TestInstallation {
    let directory: URL
    let system: CrierSystem
    let composer: Composer

    init(endpoints: String = "", email: String? = nil, extra: String = "") throws {
        directory = try TestPaths.makeTemporaryDirectory(prefix: "crier-compose")
        let templates = TestPaths.repositoryRoot.appendingPathComponent("templates").path
        let yaml = """
            database: crier.sqlite
            templates: \(templates)
            sender: { name: Safer Leicester Partnership, email: alerts@example.org }
            \(email ?? "")
            endpoints:
            \(endpoints.isEmpty ? "  []" : endpoints)
            network: { allow_private: true }
            \(extra)
            """.replacingOccurrences(of: "endpoints:\n  []", with: "endpoints: []")
        let file = directory.appendingPathComponent("crier.yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        system = try CrierSystem.open(configuration: file)
        composer = try system.makeComposer()
    }

    func importSubscribers(_ csv: String) throws {
        let checked = try SubscriberImport.validate(
            csv, file: "test.csv", areas: Set(system.configuration.areas.map(\.id)),
            topics: Set(system.configuration.topics))
        #expect(checked.problems.isEmpty, "\(checked.problems)")
        _ = try system.outbox.upsertSubscribers(checked.accepted, now: Date())
    }
}

@Suite("composition: targeting, locales, one transaction")
struct ComposerTests {
    static let residents = """
        email,name,area,topics,locale
        west@example.org,Wendy West,west,all,en
        central@example.org,Carl Central,central,scams,en
        east-scams@example.org,Ewa East,east,scams,pl
        east-hate@example.org,Harj East,east,hate-crime,gu
        south-all@example.org,Sam South,south,all,fr
        """

    static let endpoints = """
          - { id: nlink, kind: webhook, url: "http://127.0.0.1:1/nlink", areas: [city], topics: [all] }
          - { id: east-scams-hook, kind: webhook, url: "http://127.0.0.1:1/east", areas: [east], topics: [scams] }
          - { id: ccog, kind: email, address: ccog@example.org, areas: [central], topics: [all] }
          - { id: hate-desk, kind: webhook, url: "http://127.0.0.1:1/hate", areas: [city], topics: [hate-crime] }
        """

    struct Targeting: Sendable, CustomStringConvertible {
        let template: String
        let areas: [String]
        let variables: [String: String]
        let people: Set<String>
        let endpoints: Set<String>
        var description: String { "\(template) → \(areas)" }
    }

    static let table: [Targeting] = [
        Targeting(
            template: "courier-fraud", areas: ["east"], variables: ["pretend_to_be": "police officers"],
            people: ["east-scams@example.org"], endpoints: ["nlink", "east-scams-hook"]),
        Targeting(
            template: "courier-fraud", areas: ["central"], variables: ["pretend_to_be": "police officers"],
            people: ["central@example.org"], endpoints: ["nlink", "ccog"]),
        Targeting(
            template: "courier-fraud", areas: ["city"], variables: ["pretend_to_be": "police officers"],
            people: ["west@example.org", "central@example.org", "east-scams@example.org", "south-all@example.org"],
            endpoints: ["nlink", "east-scams-hook", "ccog"]),
        Targeting(
            template: "courier-fraud", areas: ["east", "west", "east"], variables: ["pretend_to_be": "police officers"],
            people: ["west@example.org", "east-scams@example.org"], endpoints: ["nlink", "east-scams-hook"]),
        Targeting(
            template: "hate-crime-reporting", areas: ["east"], variables: [:],
            people: ["east-hate@example.org"], endpoints: ["nlink", "hate-desk"]),
        Targeting(
            template: "hate-crime-reporting", areas: ["south"], variables: [:],
            people: ["south-all@example.org"], endpoints: ["nlink", "hate-desk"]),
    ]

    @Test("the audience is the areas' subscribers who take the topic, and the matching endpoints", arguments: table)
    func targeting(_ row: Targeting) async throws {
        let installation = try TestInstallation(endpoints: Self.endpoints)
        try installation.importSubscribers(Self.residents)
        let variables = row.variables.mapValues { TemplateValue.text($0) }
        let example = try #require(installation.composer.library.metadata(for: row.template))
        var all = variables
        for spec in example.variables where spec.required && all[spec.name] == nil {
            all[spec.name] = spec.example ?? .text("example")
        }
        let composed = try await installation.composer.compose(
            CompositionRequest(template: row.template, areas: row.areas, variables: all, proposedBy: "test"))
        let deliveries = try installation.system.outbox.deliveries(state: nil, limit: 100)
        let people = Set(deliveries.filter { $0.subscriberID != nil }.map(\.destination))
        let endpoints = Set(deliveries.compactMap(\.endpointID))
        #expect(people == row.people)
        #expect(endpoints == row.endpoints)
        #expect(composed.deliveries == row.people.count + row.endpoints.count)
    }

    @Test("each subscriber gets their locale, falling back to English")
    func locales() async throws {
        let installation = try TestInstallation()
        try installation.importSubscribers(Self.residents)
        try await installation.composer.compose(
            CompositionRequest(
                template: "courier-fraud", areas: ["city"], variables: ["pretend_to_be": "police officers"],
                proposedBy: "test"))
        let byAddress = Dictionary(
            uniqueKeysWithValues: try installation.system.outbox.deliveries(state: nil, limit: 100).map {
                ($0.destination, $0.locale)
            })
        #expect(byAddress["east-scams@example.org"] == "pl")
        #expect(byAddress["south-all@example.org"] == "en")
        #expect(byAddress["west@example.org"] == "en")
    }

    @Test("a missing variable fails naming it, and nothing is written")
    func missingVariable() async throws {
        let installation = try TestInstallation(endpoints: Self.endpoints)
        try installation.importSubscribers(Self.residents)
        let error = try await #require(throws: CompositionError.self) {
            try await installation.composer.compose(
                CompositionRequest(template: "courier-fraud", areas: ["east"], proposedBy: "test"))
        }
        #expect(error.description.contains("pretend_to_be"))
        #expect(error.cause?.variables.contains("pretend_to_be") == true)
        #expect(try installation.system.outbox.messages(limit: 10).isEmpty)
        #expect(try installation.system.outbox.deliveries(state: nil, limit: 10).isEmpty)
    }

    @Test("a value with a line break cannot reach a subject line")
    func headerInjection() async throws {
        let installation = try TestInstallation()
        await #expect(throws: CompositionError.self) {
            try await installation.composer.compose(
                CompositionRequest(
                    template: "courier-fraud", areas: ["east"],
                    variables: ["pretend_to_be": "police\r\nBcc: all@example.org"],
                    proposedBy: "test"))
        }
        #expect(try installation.system.outbox.messages(limit: 10).isEmpty)
    }

    @Test("unknown area and unknown template are refused by name")
    func unknownNames() async throws {
        let installation = try TestInstallation()
        let area = try await #require(throws: CompositionError.self) {
            try await installation.composer.compose(
                CompositionRequest(template: "courier-fraud", areas: ["north"], proposedBy: "t"))
        }
        #expect(area == .unknownArea("north", known: "city, west, central, south, east"))
        #expect(area.description.contains("unknown area \"north\""))
        let template = try await #require(throws: CompositionError.self) {
            try await installation.composer.compose(
                CompositionRequest(template: "courier-frauds", areas: ["east"], proposedBy: "t"))
        }
        #expect(template.description.contains("unknown template \"courier-frauds\""))
    }

    @Test("webhook bodies are valid JSON whatever the values hold, and carry no personal link")
    func webhookJSON() async throws {
        let installation = try TestInstallation(endpoints: Self.endpoints)
        let hostile = "bank \"staff\" \\ </script>\n😀"
        let composed = try await installation.composer.compose(
            CompositionRequest(
                template: "urgent-warning", areas: ["east"],
                variables: [
                    "headline": "Courier fraud in East NPA", "description": .text(hostile), "instruction": "Hang up.",
                ],
                proposedBy: "t"))
        let rendition = try #require(
            try await installation.system.outbox.rendition(messageID: composed.id, channel: .webhook, locale: "en"))
        let json = try #require(try JSONSerialization.jsonObject(with: rendition.payload) as? [String: Any])
        #expect(String(decoding: rendition.payload, as: UTF8.self).count > 0)
        #expect(json.values.contains { ($0 as? String)?.contains(hostile) == true })
        #expect(!String(decoding: rendition.payload, as: UTF8.self).contains("%%CRIER_"))
    }
}
