import Foundation

/// A mailbox as `Name <address>`: a display name (optional) and a bare address.
public struct EmailAddress: Sendable, Equatable {
    /// The display name, if any.
    public var name: String?
    /// The bare `local@domain` address.
    public var address: String

    /// Makes a mailbox after validating both parts; `field` names it in errors.
    public init(name: String?, address: String, field: String) throws(EmailMessageError) {
        if let name { try EmailMessageBuilder.validateHeaderValue(name, field: "\(field) name") }
        try Self.validate(address: address, field: field)
        let trimmed = name?.trimmingCharacters(in: .whitespaces)
        self.name = (trimmed?.isEmpty ?? true) ? nil : trimmed
        self.address = address
    }

    /// Parses `Name <local@domain>`, `"Name" <local@domain>` or a bare `local@domain`.
    public init(parsing text: String, field: String) throws(EmailMessageError) {
        try EmailMessageBuilder.validateHeaderValue(text, field: field)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast())
            }
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            try self.init(name: name, address: address, field: field)
        } else {
            try self.init(name: nil, address: trimmed, field: field)
        }
    }

    /// The part after the `@`.
    public var domain: String {
        String(address[address.index(after: address.lastIndex(of: "@") ?? address.startIndex)...])
    }

    /// Refuses anything but a plain ASCII `local@domain` without spaces, brackets or line breaks,
    /// within RFC 5321's limits (local part 64 bytes, domain 255, the whole path 254) and with a
    /// domain made of letters, digits and inner hyphens in dot-separated labels of 1 to 63.
    public static func validate(address: String, field: String) throws(EmailMessageError) {
        // Byte checks on the UTF-8 view: this runs for every resident imported and every email sent.
        guard !address.isEmpty else { throw .empty(field) }
        var ats = 0
        var lastAt = -1
        var count = 0
        for byte in address.utf8 {
            if byte >= 0x80 { throw .invalidAddress(field, "only ASCII addresses are supported") }
            if byte < 0x20 || byte == 0x7F { try EmailMessageBuilder.validateHeaderValue(address, field: field) }
            if forbidden[Int(byte)] { throw .invalidAddress(field, "it contains a space or one of <>()[],;:\\\"") }
            if byte == UInt8(ascii: "@") {
                ats += 1
                lastAt = count
            }
            count += 1
        }
        guard ats == 1, lastAt > 0, lastAt < count - 1 else {
            throw .invalidAddress(field, "it needs exactly one @ with text either side")
        }
        guard count <= maxLength else { throw .invalidAddress(field, "it is longer than \(maxLength) characters") }
        guard lastAt <= maxLocalPart else {
            throw .invalidAddress(field, "the part before the @ is longer than \(maxLocalPart) characters")
        }
        try validate(domain: address.utf8.dropFirst(lastAt + 1), field: field)
    }

    /// RFC 5321 limits: the whole address (path), the part before the @.
    public static let maxLength = 254
    public static let maxLocalPart = 64

    /// Dot-separated labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen.
    private static func validate(domain: Substring.UTF8View, field: String) throws(EmailMessageError) {
        var labelLength = 0
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in domain {
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, previous != UInt8(ascii: "-") else {
                    throw .invalidAddress(field, "the domain has an empty label or one ending in -")
                }
                labelLength = 0
            } else {
                let isLetterOrDigit =
                    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                guard isLetterOrDigit || (byte == UInt8(ascii: "-") && labelLength > 0) else {
                    throw .invalidAddress(field, "the domain may hold only letters, digits, inner hyphens and dots")
                }
                labelLength += 1
                guard labelLength <= 63 else { throw .invalidAddress(field, "a domain label is longer than 63") }
            }
            previous = byte
        }
        guard labelLength > 0, previous != UInt8(ascii: "-") else {
            throw .invalidAddress(field, "the domain ends with a dot or a hyphen")
        }
    }

    /// ASCII bytes an address may not hold.
    private static let forbidden: [Bool] = (0..<128).map { byte in
        " \t<>()[],;:\\\"".utf8.contains(UInt8(byte))
    }
}
