import ArgumentParser
import CrierRuntime

/// `crier partners`: the partner API's credentials.
struct PartnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partners",
        abstract: "Manage the bearer tokens partners use with Crier's HTTP API.",
        subcommands: [Token.self]
    )

    /// `crier partners token`: a new token to give a partner, and the hash for crier.yml.
    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new partner bearer token and print it with the SHA-256 crier.yml keeps.",
            discussion: """
                Give the token to the partner once, over a safe channel; put only the hash in \
                crier.yml under `partners:` (`token_sha256`), with the partner's scopes. Crier never \
                stores the token itself.
                """
        )

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        private struct Printed: Encodable {
            let token: String
            let tokenSHA256: String

            enum CodingKeys: String, CodingKey {
                case token
                case tokenSHA256 = "token_sha256"
            }
        }

        func run() throws {
            let made = PartnerTokens.generate()
            switch format {
            case .json:
                try printJSON(Printed(token: made.token, tokenSHA256: made.sha256))
            case .text:
                print("token:        \(made.token)")
                print("token_sha256: \(made.sha256)")
            }
        }
    }
}
