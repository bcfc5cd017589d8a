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

    /// Refuses anything but a plain ASCII `local@domain` without spaces, brackets or line breaks.
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
    }

    /// ASCII bytes an address may not hold.
    private static let forbidden: [Bool] = (0..<128).map { byte in
        " \t<>()[],;:\\\"".utf8.contains(UInt8(byte))
    }
}
