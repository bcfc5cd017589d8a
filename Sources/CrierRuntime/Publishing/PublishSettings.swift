public import CrierCore
public import CrierTemplates
public import Foundation

/// What the publisher needs from the configuration: who publishes, the areas, and how long alerts stay listed.
///
/// | setting | default | meaning |
/// |---|---|---|
/// | `retention` | 7 days | an expired or cancelled alert stays in the feeds this long, then drops out |
/// | `defaultValidity` | 7 days | an alert without `expires` counts as current this long after it was sent |
/// | `fileMode` | 0644 | permissions of every published file, whatever the umask (`publish.file_mode`) |
/// | `directoryMode` | 0755 | permissions of the folders publishing creates (`publish.dir_mode`) |
/// | `listedStatuses` | actual | which statuses the pages and feeds list (`exercise` with `publish.exercises`; never `test`); CAP files are written for every status and say it |
public struct PublishSettings: Sendable, Hashable {
    /// Sender, time zone, web link and contact written into every CAP document.
    public var profile: CAPProfile
    public var areas: [Area]
    /// Title of the whole-city page and feed.
    public var cityName: String
    /// Written as the feeds' author email, if set.
    public var authorEmail: String?
    public var retention: TimeInterval
    public var defaultValidity: TimeInterval
    /// The statuses pages and feeds list; `test` is never listed, whatever is asked.
    public var listedStatuses: Set<AlertStatus>
    /// The date part of the `tag:` URIs used as feed and entry ids (RFC 4151); never change it once published.
    public var tagDate: String
    /// Permission bits of every published file (`publish.file_mode`), applied whatever the umask.
    public var fileMode: UInt16 = 0o644
    /// Permission bits of the publish folder and its subfolders (`publish.dir_mode`).
    public var directoryMode: UInt16 = 0o755

    /// Creates settings.
    public init(
        profile: CAPProfile, areas: [Area], cityName: String = "All areas", authorEmail: String? = nil,
        retention: TimeInterval = 7 * 86_400, defaultValidity: TimeInterval = 7 * 86_400,
        listedStatuses: Set<AlertStatus> = [.actual], tagDate: String = "2026"
    ) {
        self.profile = profile
        self.areas = areas
        self.cityName = cityName
        self.authorEmail = authorEmail
        self.retention = retention
        self.defaultValidity = defaultValidity
        self.listedStatuses = listedStatuses.subtracting([.test])
        self.tagDate = tagDate
    }

    /// Settings from a loaded `crier.yml`: `cap_sender`, sender name and email, time zone and areas.
    public init(configuration: CrierConfiguration, webURLPattern: String = "") {
        self.init(
            profile: CAPProfile(
                sender: configuration.capSender, senderName: configuration.senderName,
                timeZone: configuration.timeZone, webURLPattern: webURLPattern),
            areas: configuration.areas, authorEmail: configuration.senderEmail,
            listedStatuses: configuration.publishExercises ? [.actual, .exercise] : [.actual])
        fileMode = configuration.publishFileMode
        directoryMode = configuration.publishDirectoryMode
    }

    /// The oldest creation time a message can have and still be published at `now`, for loading from the outbox.
    public func windowStart(now: Date) -> Date {
        now.addingTimeInterval(-(retention + defaultValidity))
    }

    /// A `tag:` URI under the sender's authority, e.g. `tag:alerts@example.org,2026:cap/msg_abc`.
    func tagURI(_ specific: String) -> String {
        let authorityAllowed = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-@")
        let authority = String(
            String.UnicodeScalarView(profile.sender.unicodeScalars.filter(authorityAllowed.contains)))
        let specificAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "%"))
        let encoded = specific.addingPercentEncoding(withAllowedCharacters: specificAllowed) ?? specific
        return "tag:\(authority.isEmpty ? "crier.invalid" : authority),\(tagDate):\(encoded)"
    }
}
