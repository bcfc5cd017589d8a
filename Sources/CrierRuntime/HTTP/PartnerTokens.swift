import CrierHTTP

/// Makes partner bearer tokens for the command line, which knows no HTTP types.
public enum PartnerTokens {
    /// A fresh bearer token and the lowercase hex SHA-256 that crier.yml keeps instead of it.
    public static func generate() -> (token: String, sha256: String) {
        let made = PartnerToken.generate()
        return (made.token, made.sha256)
    }
}
