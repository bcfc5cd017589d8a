public import CrierCore
import Foundation

extension CAPAlertInput {
    /// Builds the CAP input for an outbox message from its rendered parts, one `<info>` per locale.
    ///
    /// - headline: the subject without the `[TEST] ` / `[EXERCISE] ` prefix (CAP's `status` says that);
    /// - description: the text part's main body, see `mainBody(ofText:)`;
    /// - instruction: `instruction` when the message has that variable, else the response type's generic line;
    /// - areas: as given (resolve `city` with `targetAreas(_:configured:)` first).
    public init(
        message: MessageRecord, parts: [RenderedParts], cap: CAPInfo, areas: [Area], references: [CAPReference],
        profile: CAPProfile, instruction: String? = nil
    ) {
        let prefix = RenderContext(status: message.status, sent: message.createdAt).statusPrefix
        let trimmedInstruction = instruction?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let infos = parts.map { part in
            var headline = part.subject
            if !prefix.isEmpty, headline.hasPrefix(prefix) { headline.removeFirst(prefix.count) }
            let body = Self.mainBody(ofText: part.text)
            return CAPInfoInput(
                language: profile.languageTag(for: part.locale), cap: cap, headline: headline,
                description: body.isEmpty ? headline : body,
                instruction: trimmedInstruction.isEmpty
                    ? CAPInstruction.generic(for: cap.responseType) : trimmedInstruction,
                web: profile.web(for: message.id), contact: profile.contact, senderName: profile.senderName,
                expires: message.expiresAt)
        }
        self.init(
            identifier: message.id, sender: profile.sender, sent: message.createdAt, timeZone: profile.timeZone,
            status: message.status, kind: message.kind, references: references, infos: infos, areas: areas)
    }

    /// The text part without its signature: everything before the first line that is `--` or `-- `
    /// (where the shared footer with reporting numbers and the unsubscribe link begins), with runs
    /// of blank lines collapsed to one and surrounding whitespace trimmed.
    public static func mainBody(ofText text: String) -> String {
        var kept: [Substring] = []
        var blank = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let bare = line.hasSuffix("\r") ? line.dropLast() : line
            if bare == "--" || bare == "-- " { break }
            let isBlank = bare.allSatisfy(\.isWhitespace)
            if isBlank, blank { continue }
            blank = isBlank
            kept.append(bare)
        }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The configured areas a message targets: `city` means all of them; unknown ids keep their id as name.
    public static func targetAreas(_ ids: [String], configured: [Area]) -> [Area] {
        if ids.contains(Area.cityID) { return configured }
        return ids.map { id in configured.first { $0.id == id } ?? Area(id: id, name: id) }
    }
}
