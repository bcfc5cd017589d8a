import CrierCore
import CrierTemplates
import CrierYAML
import Foundation
import Testing

@testable import CrierRuntime

@Suite("typed errors: each area's refusals are cases a test can name, with the same words as before")
struct TypedErrorTests {
    @Test("--var arguments: malformed and repeated")
    func variableArguments() {
        #expect(throws: CompositionError.malformedVariable("headline")) { try VariableArguments.parse(["headline"]) }
        #expect(throws: CompositionError.repeatedVariable("a")) { try VariableArguments.parse(["a=1", "a=2"]) }
        #expect(CompositionError.malformedVariable("headline").description == "--var \"headline\": expected name=value")
    }

    @Test("composition: no area, an unknown topic, and a template that will not render keeps its cause")
    func composition() async throws {
        let fixture = try AlertDeskFixture()
        #expect(throws: CompositionError.noArea) { try fixture.desk.plan(fixture.request(areas: [])) }
        var missing = AlertDeskFixture.warning
        missing["instruction"] = nil
        let error = try await #require(throws: CompositionError.self) {
            try await fixture.desk.propose(fixture.request(variables: missing))
        }
        let cause = try #require(error.cause)
        #expect(cause.variables == ["instruction"])
        #expect(error.description == cause.description)
        #expect(CompositionError.noArea.description == "--area: give at least one area (or city)")
    }

    @Test("alert desk: reasons, expiry and corrections are named cases")
    func alertDesk() async throws {
        let fixture = try AlertDeskFixture()
        let outcome = try await fixture.desk.propose(fixture.request())
        await #expect(throws: AlertDeskError.missingReason(verb: "cancelled")) {
            try await fixture.desk.cancel(id: outcome.id, operatorName: "bob", reason: "")
        }
        #expect(throws: AlertDeskError.missingReason(verb: "rejected")) {
            try fixture.desk.reject(id: outcome.id, operatorName: "bob", reason: "")
        }
        await #expect(throws: AlertDeskError.nonPositiveExpiry) {
            try await fixture.desk.propose(fixture.request(expiresIn: 0))
        }
        let released = try await fixture.desk.propose(fixture.request(status: .exercise))
        await #expect(throws: AlertDeskError.noVariables) {
            try await fixture.desk.update(id: released.id, variables: [:], operatorName: "bob")
        }
        #expect(
            AlertDeskError.missingReason(verb: "cancelled").description == "--reason: say why the alert is cancelled")
    }

    @Test("subscriber import: an empty file and an unknown column")
    func subscriberImport() throws {
        let areas: Set<String> = ["east"]
        let topics: Set<String> = ["scams"]
        #expect(throws: ImportError.empty(file: "people.csv", columns: "email,name,area,topics,locale")) {
            try SubscriberImport.validate("", file: "people.csv", areas: areas, topics: topics)
        }
        #expect(throws: ImportError.unknownColumn(file: "people.csv", line: 1, column: "colour")) {
            try SubscriberImport.validate(
                "email,name,area,topics,locale,colour\n", file: "people.csv", areas: areas, topics: topics)
        }
    }

    @Test("system setup: no configuration file, and a signing secret the environment lacks")
    func systemSetup() throws {
        let path = "/nonexistent/crier.yml"
        #expect(throws: SystemSetupError.noConfiguration(path: path)) {
            try CrierSystem.open(configuration: URL(fileURLWithPath: path))
        }
        let fixture = try AlertDeskFixture()
        let endpoint = Endpoint(
            id: "partner", kind: .webhook, destination: "https://example.org/hook", areas: ["city"], topics: ["all"],
            secretEnvironmentVariables: ["CRIER_SECRET_PARTNER"])
        #expect(throws: SystemSetupError.secretNotSet(endpoint: "partner", variable: "CRIER_SECRET_PARTNER")) {
            try fixture.desk.system.signingSecrets(of: endpoint, environment: [:])
        }
    }

    @Test("schedule options: a time that does not parse, and one the zone's clock skips")
    func scheduleDates() throws {
        let zone = try #require(TimeZone(identifier: "Europe/London"))
        #expect(throws: ScheduleRunError.notATime(option: "--from", text: "soon")) {
            try ScheduleDates.parse("soon", option: "--from", zone: zone)
        }
        #expect(
            ScheduleRunError.skippedTime(option: "--to", text: "x", zone: "Europe/London").description
                == "--to: \"x\": not a time in Europe/London")
    }

    @Test("operator names: mixed scripts name the scripts")
    func operatorNames() {
        #expect(
            throws: OperatorError.mixedScripts(
                source: "--operator", name: "\u{0430}lice", scripts: ["Cyrillic", "Latin"])
        ) {
            try Operator.normalise("\u{0430}lice", source: "--operator")
        }
    }

    @Test("every area's error is bad input, so crier exits 2 for it")
    func badInput() {
        let errors: [any Error] = [
            CompositionError.noArea, AlertDeskError.noVariables, ImportError.failed(file: "f", reason: "r"),
            SystemSetupError.noConfiguration(path: "p"), ScheduleRunError.liveDatabase(path: "p"),
            OperatorError.empty(source: "s"), ConfigurationError(file: "f", line: 1, key: "k", message: "m"),
        ]
        #expect(errors.allSatisfy { $0 is any BadInput })
    }
}
