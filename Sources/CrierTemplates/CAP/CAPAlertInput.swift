public import CrierCore
public import Foundation

/// Everything a CAP 1.2 document says, as plain values, so building one needs no store or network.
public struct CAPAlertInput: Sendable, Hashable {
    /// Stable, unique id of this message (no spaces, commas, `<` or `&`).
    public var identifier: String
    /// The sender's CAP identity (`cap_sender` in `crier.yml`).
    public var sender: String
    public var sent: Date
    /// The zone whose offset at each instant is written into every time (`+00:00` in winter in London).
    public var timeZone: TimeZone
    public var status: AlertStatus
    public var kind: MessageKind
    /// The earlier messages an Update or Cancel refers to, oldest first.
    public var references: [CAPReference]
    /// One block per language.
    public var infos: [CAPInfoInput]
    /// Target areas; each becomes one `<area>` in every `<info>`.
    public var areas: [Area]

    /// Creates the input for one CAP document.
    public init(
        identifier: String, sender: String, sent: Date, timeZone: TimeZone, status: AlertStatus,
        kind: MessageKind, references: [CAPReference] = [], infos: [CAPInfoInput], areas: [Area]
    ) {
        self.identifier = identifier
        self.sender = sender
        self.sent = sent
        self.timeZone = timeZone
        self.status = status
        self.kind = kind
        self.references = references
        self.infos = infos
        self.areas = areas
    }
}
