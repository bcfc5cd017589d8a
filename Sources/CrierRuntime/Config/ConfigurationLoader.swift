import CrierCore
import CrierDelivery
import CrierYAML
import Curl
public import Foundation

/// Loads and validates crier.yml; nothing starts on a bad configuration.
public enum ConfigurationLoader {
    /// Reads the configuration at `url`; every error names the file, line and key.
    public static func load(from url: URL) throws -> CrierConfiguration {
        let display = url.lastPathComponent == url.path ? url.path : url.relativePath
        let root = try YAMLMapping.load(url, displayName: display)
        return try build(root, file: url.standardizedFileURL)
    }

    /// Parses configuration text as if it were the file `file` (paths resolve beside it).
    public static func parse(_ text: String, file: URL) throws -> CrierConfiguration {
        try build(YAMLMapping.parse(text, file: file.lastPathComponent), file: file.standardizedFileURL)
    }

    private static func build(_ rootMapping: YAMLMapping, file: URL) throws -> CrierConfiguration {
        var root = rootMapping
        let base = file.deletingLastPathComponent()
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        }

        let zoneName = try root.string("timezone") ?? "Europe/London"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw root.error("timezone", "unknown time zone \"\(zoneName)\" (use an IANA name such as Europe/London)")
        }
        let database = resolve(try root.string("database") ?? "var/crier.sqlite")
        let templates = resolve(try root.string("templates") ?? "templates")
        let schedules = resolve(try root.string("schedules") ?? "schedules")

        var senderName = "Crier"
        var senderEmail = "alerts@example.org"
        var capSender: String?
        if var sender = try root.mapping("sender") {
            senderName = try sender.string("name") ?? senderName
            senderEmail = try sender.string("email") ?? senderEmail
            capSender = try sender.string("cap_sender")
            try refuseUnsafeCharacters(senderName, in: sender, key: "name")
            try requireAddress(senderEmail, in: sender, key: "email")
            if let capSender { try refuseUnsafeCharacters(capSender, in: sender, key: "cap_sender") }
            try sender.finish(known: ["name", "email", "cap_sender"])
        }

        let areas = try readAreas(&root)
        let areaIDs = Set(areas.map(\.id))
        let topics = try readTopics(&root)
        let email = try readEmail(&root)
        var endpointAllowed: [String: [IPNetwork]] = [:]
        let endpoints = try readEndpoints(
            &root, areaIDs: areaIDs, topics: Set(topics), endpointAllowed: &endpointAllowed)

        var quietStart = "21:00"
        var quietEnd = "08:00"
        if var quiet = try root.mapping("quiet_hours") {
            quietStart = try clockTime(try quiet.string("start") ?? quietStart, in: quiet, key: "start")
            quietEnd = try clockTime(try quiet.string("end") ?? quietEnd, in: quiet, key: "end")
            try quiet.finish(known: ["start", "end"])
        }

        var retry = RetryPolicy()
        if var retryMapping = try root.mapping("retry") {
            if let steps = try retryMapping.strings("schedule") {
                retry.delays = try steps.map { step in
                    guard let seconds = try? DurationText.seconds(step) else {
                        throw retryMapping.error(
                            "schedule", "\"\(step)\" is not a duration (use forms like 5s, 5m, 2h)")
                    }
                    return seconds
                }
            }
            if let jitter = try retryMapping.double("jitter") {
                guard (0...1).contains(jitter) else { throw retryMapping.error("jitter", "must be between 0 and 1") }
                retry.jitter = jitter
            }
            try retryMapping.finish(known: ["schedule", "jitter"])
        }

        let misfireGrace = try duration(&root, "misfire_grace") ?? 3_600

        var allowPrivate = false
        var allowed: [IPNetwork] = []
        if var network = try root.mapping("network") {
            allowPrivate = try network.bool("allow_private") ?? false
            allowed = try allowedNetworks(&network)
            try network.finish(known: ["allow", "allow_private"])
        }
        var approvals = true
        if var approvalsMapping = try root.mapping("approvals") {
            approvals = try approvalsMapping.bool("actual") ?? true
            try approvalsMapping.finish(known: ["actual"])
        }
        var publish: URL?
        var publishExercises = false
        var fileMode: UInt16 = 0o644
        var directoryMode: UInt16 = 0o755
        if var publishMapping = try root.mapping("publish") {
            publish = try publishMapping.string("dir").map(resolve)
            publishExercises = try publishMapping.bool("exercises") ?? false
            fileMode = try permissions(&publishMapping, "file_mode", owner: 0o600) ?? fileMode
            directoryMode = try permissions(&publishMapping, "dir_mode", owner: 0o700) ?? directoryMode
            try publishMapping.finish(known: ["dir", "exercises", "file_mode", "dir_mode"])
        }
        let dispatch = try readDispatch(&root)
        let http = try readHTTP(&root)
        let partners = try readPartners(&root)

        try root.finish(known: [
            "timezone", "database", "templates", "schedules", "sender", "areas", "topics", "email", "endpoints",
            "quiet_hours", "retry", "misfire_grace", "network", "approvals", "publish", "dispatch",
            "http", "partners",
        ])

        var configuration = CrierConfiguration(
            file: file, timeZone: zone, database: database, templatesDirectory: templates,
            schedulesDirectory: schedules, senderName: senderName, senderEmail: senderEmail,
            capSender: capSender ?? senderEmail, areas: areas, topics: topics, email: email, endpoints: endpoints,
            quietHoursStart: quietStart, quietHoursEnd: quietEnd, retry: retry, misfireGrace: misfireGrace,
            allowPrivateNetworks: allowPrivate, actualAlertsNeedApproval: approvals, publishDirectory: publish,
            dispatch: dispatch, publishExercises: publishExercises)
        configuration.publishFileMode = fileMode
        configuration.publishDirectoryMode = directoryMode
        configuration.http = http
        configuration.partners = partners
        if configuration.email?.unsubscribeURLPattern == nil, let base = http.publicURL {
            configuration.email?.unsubscribeURLPattern = CrierConfiguration.HTTP.unsubscribeURLPattern(publicURL: base)
        }
        configuration.allowedNetworks = allowed
        configuration.endpointAllowedNetworks = endpointAllowed
        configuration.endpoints = configuration.endpoints.map { endpoint in
            var endpoint = endpoint
            if endpoint.maxConcurrency <= 0 { endpoint.maxConcurrency = dispatch.webhookConcurrency }
            return endpoint
        }
        return configuration
    }

    private static func readAreas(_ root: inout YAMLMapping) throws -> [Area] {
        guard let list = try root.mappings("areas") else {
            return [
                Area(id: "west", name: "West NPA"), Area(id: "central", name: "Central NPA"),
                Area(id: "south", name: "South NPA"), Area(id: "east", name: "East NPA"),
            ]
        }
        var areas: [Area] = []
        for var item in list {
            let id = try item.requiredString("id")
            try identifier(id, in: item, key: "id")
            if id == Area.cityID { throw item.error("id", "\"city\" is reserved: it means every area") }
            if areas.contains(where: { $0.id == id }) { throw item.error("id", "duplicate area id \"\(id)\"") }
            let name = try item.requiredString("name")
            try refuseUnsafeCharacters(name, in: item, key: "name")
            let area = Area(
                id: id, name: name, geocode: try item.string("geocode"), polygon: try item.string("polygon"))
            try item.finish(known: ["id", "name", "geocode", "polygon"])
            areas.append(area)
        }
        guard !areas.isEmpty else { throw root.error("areas", "at least one area is needed") }
        return areas
    }

    private static func readTopics(_ root: inout YAMLMapping) throws -> [String] {
        guard let topics = try root.strings("topics") else { return BuiltInTopic.standard + [BuiltInTopic.bulletin] }
        var seen = Set<String>()
        for topic in topics {
            guard isIdentifier(topic), topic != "all" else {
                throw root.error(
                    "topics",
                    "\"\(topic)\" is not a valid topic id (lower-case letters, digits and dashes; \"all\" is reserved)")
            }
            guard seen.insert(topic).inserted else { throw root.error("topics", "duplicate topic \"\(topic)\"") }
        }
        return seen.contains(BuiltInTopic.bulletin) ? topics : topics + [BuiltInTopic.bulletin]
    }

    private static func readEmail(_ root: inout YAMLMapping) throws -> CrierConfiguration.EmailRelay? {
        guard var email = try root.mapping("email") else { return nil }
        let relayText = try email.requiredString("relay")
        guard let relay = URL(string: relayText), let scheme = relay.scheme?.lowercased(),
            ["smtp", "smtps"].contains(scheme),
            relay.host != nil
        else {
            throw email.error(
                "relay", "expected smtp://host:port or smtps://host:port, found \"\(Redaction.url(relayText))\"")
        }
        if relay.user != nil || relay.password != nil {
            throw email.error("relay", "credentials must not be written in the file; use username_env and password_env")
        }
        let tlsText = try email.string("tls") ?? "required"
        guard let tls = CrierConfiguration.EmailRelay.TLSPolicy(rawValue: tlsText) else {
            throw email.error("tls", "expected required or none, found \"\(tlsText)\"")
        }
        if tls == .none, scheme == "smtps" {
            throw email.error("tls", "smtps:// always uses TLS; tls: none contradicts it")
        }
        if tls == .none, isRemoteAddressLiteral(relay.host ?? "") {
            throw email.error("tls", "tls: none is allowed only for a relay on loopback (127.0.0.1, ::1, localhost)")
        }
        let from = try email.string("from") ?? "Crier <alerts@example.org>"
        try refuseUnsafeCharacters(from, in: email, key: "from")
        do {
            _ = try EmailAddress(parsing: from, field: "from")
        } catch {
            throw email.error("from", "\"\(from)\" is not a usable sender (Name <local@domain>): \(error.reason)")
        }
        let unsubscribe = try email.string("unsubscribe_url")
        if let unsubscribe {
            guard unsubscribe.contains("{token}") else {
                throw email.error(
                    "unsubscribe_url", "must contain {token}, where each resident's unsubscribe token goes")
            }
            do {
                // The token is URL-safe; check the URL as it will be sent.
                let sample = unsubscribe.replacingOccurrences(of: "{token}", with: "tok_sample")
                _ = try StrictURL.parse(sample, schemes: ["http", "https"])
            } catch {
                throw email.error("unsubscribe_url", "\(error.reason)")
            }
        }
        let relayAllowed = try allowedNetworks(&email)
        var relayConfig = CrierConfiguration.EmailRelay(
            relay: relay, tls: tls, usernameEnvironmentVariable: try email.string("username_env"),
            passwordEnvironmentVariable: try email.string("password_env"), from: from,
            maxConnections: try email.int("max_connections", range: 1...256) ?? 4,
            ratePerSecond: try email.double("rate_per_second") ?? 50, unsubscribeURLPattern: unsubscribe)
        guard relayConfig.ratePerSecond > 0 else { throw email.error("rate_per_second", "must be more than 0") }
        relayConfig.allowedNetworks = relayAllowed
        try email.finish(known: [
            "allow", "relay", "tls", "username_env", "password_env", "from", "max_connections", "rate_per_second",
            "unsubscribe_url",
        ])
        return relayConfig
    }

    /// An endpoint's optional display name: one line, as it goes into an email's `To` header.
    private static func endpointName(_ item: inout YAMLMapping) throws -> String? {
        guard let name = try item.string("name") else { return nil }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, InputText.problem(in: trimmed) == nil else {
            throw item.error("name", "expected a one-line name without control characters")
        }
        return trimmed
    }

    private static func readEndpoints(
        _ root: inout YAMLMapping, areaIDs: Set<String>, topics: Set<String>,
        endpointAllowed: inout [String: [IPNetwork]]
    ) throws -> [Endpoint] {
        guard let list = try root.mappings("endpoints") else { return [] }
        var endpoints: [Endpoint] = []
        for var item in list {
            let id = try item.requiredString("id")
            try identifier(id, in: item, key: "id")
            if endpoints.contains(where: { $0.id == id }) { throw item.error("id", "duplicate endpoint id \"\(id)\"") }
            let kindText = try item.requiredString("kind")
            guard let kind = Channel(rawValue: kindText) else {
                throw item.error("kind", "expected webhook or email, found \"\(kindText)\"")
            }
            let destination: String
            switch kind {
            case .webhook:
                let text = try item.requiredString("url")
                let url: URL
                do {
                    url = try StrictURL.parse(text, schemes: ["http", "https"])
                } catch {
                    throw item.error(
                        "url",
                        "expected an http:// or https:// URL, found \"\(InputText.terminalSafe(Redaction.url(text)))\": \(error.reason)"
                    )
                }
                if url.user != nil || url.password != nil {
                    throw item.error("url", "credentials must not be written in the URL; use secret_env")
                }
                destination = text
                if item.has("address") { throw item.error("address", "a webhook endpoint takes url, not address") }
            case .email:
                destination = try item.requiredString("address")
                try requireAddress(destination, in: item, key: "address")
                if item.has("url") { throw item.error("url", "an email endpoint takes address, not url") }
            }
            let areas = try item.strings("areas") ?? [Area.cityID]
            for area in areas where area != Area.cityID && !areaIDs.contains(area) {
                throw item.error(
                    "areas",
                    "unknown area \"\(area)\" (known: \(([Area.cityID] + areaIDs.sorted()).joined(separator: ", ")))")
            }
            let endpointTopics = try item.strings("topics") ?? ["all"]
            for topic in endpointTopics where topic != "all" && !topics.contains(topic) {
                throw item.error("topics", "unknown topic \"\(topic)\"")
            }
            let formatText = try item.string("format") ?? "json"
            guard let format = Endpoint.PayloadFormat(rawValue: formatText) else {
                throw item.error("format", "expected json or cap, found \"\(formatText)\"")
            }
            let allowed = try allowedNetworks(&item)
            if kind == .email, !allowed.isEmpty {
                throw item.error("allow", "email endpoints go through the relay; list its networks under email.allow")
            }
            if !allowed.isEmpty { endpointAllowed[id] = allowed }
            let secrets = try item.strings("secret_env") ?? []
            if kind == .email, !secrets.isEmpty { throw item.error("secret_env", "only webhook endpoints are signed") }
            let endpoint = Endpoint(
                id: id, kind: kind, destination: destination, areas: areas, topics: endpointTopics, format: format,
                secretEnvironmentVariables: secrets, isTestRecipient: try item.bool("test") ?? false,
                maxConcurrency: try item.int("max_concurrency", range: 1...1024) ?? 0, name: try endpointName(&item))
            try item.finish(known: [
                "allow", "id", "kind", "url", "address", "areas", "topics", "format", "secret_env", "test",
                "max_concurrency",
                "name",
            ])
            endpoints.append(endpoint)
        }
        return endpoints
    }

    private static func readDispatch(_ root: inout YAMLMapping) throws -> CrierConfiguration.Dispatch {
        var dispatch = CrierConfiguration.Dispatch()
        guard var mapping = try root.mapping("dispatch") else { return dispatch }
        dispatch.lease = try duration(&mapping, "lease") ?? dispatch.lease
        dispatch.connectTimeout = try duration(&mapping, "connect_timeout") ?? dispatch.connectTimeout
        dispatch.requestTimeout = try duration(&mapping, "request_timeout") ?? dispatch.requestTimeout
        dispatch.maxResponseBytes =
            try mapping.int("max_response_bytes", range: 1_024...(64 << 20)) ?? dispatch.maxResponseBytes
        dispatch.maxInFlight = try mapping.int("max_in_flight", range: 1...4_096) ?? dispatch.maxInFlight
        dispatch.webhookConcurrency =
            try mapping.int("webhook_concurrency", range: 1...1_024) ?? dispatch.webhookConcurrency
        try mapping.finish(known: [
            "lease", "connect_timeout", "request_timeout", "max_response_bytes", "max_in_flight", "webhook_concurrency",
        ])
        return dispatch
    }

    // MARK: - Field checks

    private static func duration(_ mapping: inout YAMLMapping, _ key: String) throws -> Double? {
        guard let text = try mapping.string(key) else { return nil }
        guard let seconds = try? DurationText.seconds(text) else {
            throw mapping.error(key, "\"\(text)\" is not a duration (use forms like 30s, 5m, 1h)")
        }
        return seconds
    }

    /// An octal permission string such as "0644"; crier itself must keep the `owner` bits.
    private static func permissions(_ mapping: inout YAMLMapping, _ key: String, owner: UInt16) throws -> UInt16? {
        guard let text = try mapping.string(key) else { return nil }
        guard (3...4).contains(text.count), let mode = UInt16(text, radix: 8), mode <= 0o777 else {
            throw mapping.error(key, "expected an octal mode such as \"0644\", found \"\(text)\"")
        }
        guard mode & owner == owner else {
            throw mapping.error(
                key, "must give the owner at least \(String(owner, radix: 8)) (crier replaces these files)")
        }
        guard mode & 0o002 == 0 else { throw mapping.error(key, "must not let everyone write (\(text))") }
        return mode
    }

    private static func clockTime(_ text: String, in mapping: YAMLMapping, key: String) throws -> String {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour),
            (0..<60).contains(minute)
        else {
            throw mapping.error(key, "expected a time as HH:MM, found \"\(text)\"")
        }
        return text
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    private static func identifier(_ text: String, in mapping: YAMLMapping, key: String) throws {
        guard isIdentifier(text) else {
            throw mapping.error(key, "\"\(text)\" must be lower-case letters, digits, dashes or underscores")
        }
    }

    /// Refuses what `InputText` refuses: the value goes into email headers, addresses or URLs.
    private static func refuseUnsafeCharacters(_ text: String, in mapping: YAMLMapping, key: String) throws {
        if let problem = InputText.problem(in: text) {
            throw mapping.error(key, "\(problem) (it would corrupt email headers)")
        }
    }

    private static func requireAddress(_ text: String, in mapping: YAMLMapping, key: String) throws {
        try refuseUnsafeCharacters(text, in: mapping, key: key)
        do {
            try EmailAddress.validate(address: text, field: key)
        } catch {
            throw mapping.error(key, "\"\(text)\" is not a valid email address: \(error.reason)")
        }
    }
}
