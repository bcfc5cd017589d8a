import Crypto
import Foundation

extension SQLiteOutbox {
    /// What a forgotten address becomes: `sha256:` and the hex digest of the lowercased address,
    /// so a later question "did you send to x?" can still be answered without holding x.
    public static func addressHash(_ address: String) -> String {
        let digest = SHA256.hash(data: Data(address.trimmingCharacters(in: .whitespaces).lowercased().utf8))
        // Written byte by byte: an import checks every row against the suppression list by this hash.
        var text: [UInt8] = Array("sha256:".utf8)
        text.reserveCapacity(7 + 64)
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
