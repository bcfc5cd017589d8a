import Crypto
import Foundation

extension SQLiteOutbox {
    /// What a forgotten address becomes: `sha256:` and the hex digest of the lowercased address,
    /// so a later question "did you send to x?" can still be answered without holding x.
    public static func addressHash(_ address: String) -> String {
        let digest = SHA256.hash(data: Data(address.trimmingCharacters(in: .whitespaces).lowercased().utf8))
        return "sha256:" + digest.map { String(format: "%02x", $0) }.joined()
    }
}
