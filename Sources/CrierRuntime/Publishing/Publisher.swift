import CrierCore
public import CrierTemplates
public import Foundation

/// Publishes alerts as static files: CAP 1.2 documents, Atom feeds and accessible HTML pages, per area and for the city.
///
/// Layout under the output folder:
///
/// | path | content |
/// |---|---|
/// | `cap/<id>.xml` | one CAP document per message of every listed alert (alerts, updates, cancels) |
/// | `feeds/city.atom` | every listed alert; `feeds/<area>.atom` those for one area |
/// | `areas/<area>.html` | current advice and the latest bulletin for one area |
/// | `index.html` | the same for the whole city, with links to the area pages |
///
/// Every file is written atomically and only when its bytes change, so re-running is idempotent.
public struct Publisher: Sendable {
    public var settings: PublishSettings

    /// Creates a publisher.
    public init(settings: PublishSettings) {
        self.settings = settings
    }

    /// Writes the whole site for `alerts` as it stands at `now` into `directory`.
    public func publish(to directory: URL, alerts: [PublishableAlert], now: Date) throws -> PublishReport {
        let plan = PublishPlan(alerts: alerts, settings: settings, now: now)
        let files = try render(plan)
        var report = PublishReport(skipped: plan.skipped)
        let folderMode = mode_t(settings.directoryMode)
        try AtomicFile.makeFolder(directory, mode: folderMode)
        for folder in ["cap", "feeds", "areas"] {
            try AtomicFile.makeFolder(directory.appendingPathComponent(folder), mode: folderMode)
        }
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            if try AtomicFile.write(Data(text.utf8), to: url, mode: mode_t(settings.fileMode)) {
                report.written.append(path)
            } else {
                report.unchanged += 1
            }
        }
        return report
    }

    /// The CAP document for one message of the plan.
    public func capDocument(for alert: PublishableAlert, plan: PublishPlan) throws -> CAPDocument {
        let references = plan.references(of: alert.message).map {
            CAPReference(sender: settings.profile.sender, identifier: $0.identifier, sent: $0.sent)
        }
        let input = CAPAlertInput(
            message: alert.message, parts: alert.parts, cap: alert.cap,
            areas: CAPAlertInput.targetAreas(alert.message.areas, configured: settings.areas),
            references: references, profile: settings.profile, instruction: alert.instruction)
        do {
            return try CAPDocument(input)
        } catch {
            throw PublishError.invalidCAP(messageID: alert.message.id, reason: "\(error)")
        }
    }

    /// Every file's path (relative to the output folder) and content, in writing order: CAP files first,
    /// so feeds and pages never link to a file not yet there.
    func render(_ plan: PublishPlan) throws -> [(path: String, text: String)] {
        var files: [(path: String, text: String)] = []
        var documents: [String: CAPDocument] = [:]
        for thread in plan.published {
            for alert in thread.alerts {
                let document = try capDocument(for: alert, plan: plan)
                documents[alert.message.id] = document
                files.append(("cap/\(Self.fileName(alert.message.id)).xml", document.xml()))
            }
        }
        let scopes: [(id: String?, slug: String, title: String)] =
            [(nil, Area.cityID, settings.cityName)] + settings.areas.map { ($0.id, $0.id, $0.name) }
        for scope in scopes {
            files.append(("feeds/\(Self.fileName(scope.slug)).atom", feed(plan, scope: scope, documents: documents)))
        }
        for area in settings.areas {
            let page = page(
                plan, areaID: area.id, title: area.name, documents: documents, prefix: "../",
                feed: "../feeds/\(Self.fileName(area.id)).atom",
                links: [AreaPage.Link(title: settings.cityName, href: "../index.html")])
            files.append(("areas/\(Self.fileName(area.id)).html", page))
        }
        let links = settings.areas.map { AreaPage.Link(title: $0.name, href: "areas/\(Self.fileName($0.id)).html") }
        files.append(
            (
                "index.html",
                page(
                    plan, areaID: nil, title: settings.cityName, documents: documents, prefix: "",
                    feed: "feeds/\(Area.cityID).atom", links: links)
            ))
        return files
    }

    private func feed(
        _ plan: PublishPlan, scope: (id: String?, slug: String, title: String), documents: [String: CAPDocument]
    ) -> String {
        let entries = plan.listed(areaID: scope.id).map { thread -> AtomFeed.Entry in
            let latest = thread.latest.message
            let info = documents[latest.id]?.input.infos.first
            return AtomFeed.Entry(
                id: settings.tagURI("cap/\(latest.id)"), title: Self.marked(info?.headline ?? latest.headline, thread),
                updated: latest.createdAt, published: thread.root.message.createdAt,
                summary: info?.description ?? latest.headline,
                capHref: "../cap/\(Self.fileName(latest.id)).xml", category: thread.latest.cap.category.rawValue)
        }
        return AtomFeed(
            id: settings.tagURI("feeds/\(scope.slug)"), title: "\(scope.title): community safety alerts",
            updated: plan.feedUpdated(areaID: scope.id), selfHref: "\(Self.fileName(scope.slug)).atom",
            alternateHref: scope.id == nil ? "../index.html" : "../areas/\(Self.fileName(scope.slug)).html",
            authorName: settings.profile.senderName, authorEmail: settings.authorEmail,
            language: settings.profile.englishLanguageTag, timeZone: settings.profile.timeZone, entries: entries
        ).xml()
    }

    private func page(
        _ plan: PublishPlan, areaID: String?, title: String, documents: [String: CAPDocument], prefix: String,
        feed: String, links: [AreaPage.Link]
    ) -> String {
        let bulletinThread = plan.listed(areaID: areaID).first { thread in
            !thread.isCancelled && thread.root.message.template == BulletinComposer.templateID
        }
        let bulletin = bulletinThread.map { thread -> AreaPage.Bulletin in
            let latest = thread.latest.message
            let info = documents[latest.id]?.input.infos.first
            return AreaPage.Bulletin(
                headline: info?.headline ?? latest.headline, issued: latest.createdAt, body: info?.description ?? "")
        }
        // The bulletin has its own section, so it is not repeated under current advice.
        let isBulletin = { (thread: AlertThread) in thread.root.message.id == bulletinThread?.root.message.id }
        let current = plan.current(areaID: areaID).filter { !isBulletin($0) }
        let currentIDs = Set(current.map(\.root.message.id))
        let ended = plan.listed(areaID: areaID).filter { thread in
            !currentIDs.contains(thread.root.message.id) && !isBulletin(thread)
                && thread.root.message.template != BulletinComposer.templateID
        }
        return AreaPage(
            title: title, publisher: settings.profile.senderName, language: settings.profile.englishLanguageTag,
            timeZone: settings.profile.timeZone,
            current: current.map { advice($0, documents: documents, prefix: prefix) },
            ended: ended.map { advice($0, documents: documents, prefix: prefix) }, latestBulletin: bulletin,
            feedHref: feed, links: links
        ).html()
    }

    /// One thread as a page shows it: what its latest advice says, when it was issued and last
    /// updated, and, once cancelled, when and why.
    private func advice(_ thread: AlertThread, documents: [String: CAPDocument], prefix: String) -> AreaPage.Advice {
        let latest = thread.latestAdvice.message
        let info = documents[latest.id]?.input.infos.first
        let cancellation = thread.cancel.map { cancel in
            AreaPage.Cancellation(
                at: cancel.message.createdAt,
                reason: PublishableAlert.variable("reason", fromVariablesJSON: cancel.message.variablesJSON) ?? "")
        }
        let shown = thread.cancel?.message ?? latest
        // The page marks an update itself; the subject's own "Update: " would say it twice.
        var headline = info?.headline ?? latest.headline
        if latest.kind == .update, headline.hasPrefix(Self.updateMarker) {
            headline = String(headline.dropFirst(Self.updateMarker.count))
        }
        return AreaPage.Advice(
            headline: headline, issued: thread.root.message.createdAt,
            updated: latest.kind == .update ? latest.createdAt : nil, isUpdate: latest.kind == .update,
            isExercise: thread.status == .exercise, summary: info?.description ?? "",
            instruction: info?.instruction ?? "", expires: latest.expiresAt, cancellation: cancellation,
            capHref: "\(prefix)cap/\(Self.fileName(shown.id)).xml")
    }

    /// How an English update subject starts (after any status mark).
    static let updateMarker = "Update: "

    /// A headline as pages and feeds show it: an exercise says so first, so it cannot be taken for a real alert.
    static func marked(_ headline: String, _ thread: AlertThread) -> String {
        thread.status == .exercise ? "EXERCISE: \(headline)" : headline
    }

    /// A message or area id made safe as a file name (anything but letters, digits, `-`, `_` and `.` becomes `_`).
    public static func fileName(_ id: String) -> String {
        let safe = id.unicodeScalars.map { scalar -> Character in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-_.".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        }
        let name = String(safe)
        return name.hasPrefix(".") ? "_" + name.dropFirst() : name
    }
}
