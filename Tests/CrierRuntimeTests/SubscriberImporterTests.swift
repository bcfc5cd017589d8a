import CrierCore
import CrierStore
import CrierTestSupport
import Foundation
import Testing

@testable import CrierRuntime

@Suite("subscriber import: checked and written side by side, all or nothing")
struct SubscriberImporterTests {
    static let header = "email,name,area,topics,locale\n"

    static func residents(_ count: Int, badAt bad: Int? = nil) -> String {
        var text = header
        for index in 1...count {
            let area = index == bad ? "north" : ["west", "central", "south", "east"][index % 4]
            text += "resident\(index)@example.org,Resident \(index),\(area),scams,en\n"
        }
        return text
    }

    /// An importer that hands rows over two at a time, so even small files cross many batches.
    static func importer(_ installation: TestInstallation) -> SubscriberImporter {
        let configuration = installation.system.configuration
        return SubscriberImporter(
            outbox: installation.system.outbox, areas: Set(configuration.areas.map(\.id)),
            topics: Set(configuration.topics), batchSize: 2)
    }

    @Test func aGoodFileIsImportedAndAReimportUpdates() throws {
        let installation = try TestInstallation()
        let importer = Self.importer(installation)
        let first = try importer.importCSV(Self.residents(101), file: "residents.csv", skipInvalid: false, now: Date())
        #expect(first.imported && first.inserted == 101 && first.updated == 0 && first.problems.isEmpty)
        let again = try importer.importCSV(
            Self.header + "RESIDENT7@example.org,Seven,east,all,pl\nnew@example.org,New,west,all,en\n",
            file: "more.csv",
            skipInvalid: false, now: Date())
        #expect(again.imported && again.inserted == 1 && again.updated == 1)
        let seven = try #require(try installation.system.outbox.subscriber(email: "resident7@example.org"))
        #expect(seven.name == "Seven" && seven.area == "east" && seven.locale == "pl")
        #expect(try installation.system.outbox.subscribers(area: nil).count == 102)
    }

    @Test(arguments: [1, 50, 99])
    func aBadRowAnywhereImportsNothingEvenAfterRowsWereWritten(line: Int) throws {
        let installation = try TestInstallation()
        let outcome = try Self.importer(installation).importCSV(
            Self.residents(99, badAt: line), file: "residents.csv", skipInvalid: false, now: Date())
        #expect(!outcome.imported && outcome.inserted == 0)
        #expect(outcome.problems.map(\.line) == [line + 1])
        #expect(outcome.problems.first?.field == "area")
        #expect(try installation.system.outbox.subscribers(area: nil).isEmpty)
    }

    @Test func everyBadRowIsReportedAndSkippingImportsTheRest() throws {
        let installation = try TestInstallation()
        var text = Self.residents(30, badAt: 10)
        text += "not-an-address,X,east,scams,en\nresident5@example.org,Again,east,scams,en\n"
        let outcome = try Self.importer(installation).importCSV(
            text, file: "residents.csv", skipInvalid: true, now: Date())
        #expect(outcome.imported && outcome.inserted == 29)
        #expect(outcome.problems.map(\.line) == [11, 32, 33])
        #expect(outcome.problems.map(\.field) == ["area", "email", "email"])
        #expect(try installation.system.outbox.subscribers(area: nil).count == 29)
    }

    @Test func aFileThatIsNotAResidentsCSVIsRefusedWhole() throws {
        let installation = try TestInstallation()
        let error = try #require(throws: ImportError.self) {
            try Self.importer(installation).importCSV(
                "email,name,area\nann@example.org,Ann,east\n", file: "people.csv", skipInvalid: true, now: Date())
        }
        #expect(
            error
                == .missingColumn(
                    file: "people.csv", line: 1, column: "topics", expected: "email,name,area,topics,locale"))
        #expect(error.description.hasPrefix("people.csv:1: the header has no \"topics\" column"))
        #expect(try installation.system.outbox.subscribers(area: nil).isEmpty)
    }

    @Test func aFileThatIsNotUTF8IsNamedWithItsLine() throws {
        let folder = try TestPaths.makeTemporaryDirectory(prefix: "crier-import")
        let file = folder.appendingPathComponent("latin1.csv")
        try Data(
            Self.header.utf8 + Array("ann@example.org,Ann,east,scams,en\nz@example.org,Zo".utf8) + [0xEB]
                + Array(",east,all,pl\n".utf8)
        )
        .write(to: file)
        let installation = try TestInstallation()
        let error = try #require(throws: ImportError.self) {
            try Self.importer(installation).importCSV(file: file.path, skipInvalid: false, now: Date())
        }
        #expect(error == .encoding(file: file.path, line: 3, reason: "not UTF-8 text (save the file as CSV UTF-8)"))
        #expect(error.description == "\(file.path):3: not UTF-8 text (save the file as CSV UTF-8)")
        #expect(try installation.system.outbox.subscribers(area: nil).isEmpty)
    }
}
