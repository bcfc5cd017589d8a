import CrierYAML
import Curl
import Foundation

extension ConfigurationLoader {
    /// Reads an `allow:` list of CIDRs under `mapping`; a bad CIDR, or one covering a metadata address, is an error.
    ///
    /// Metadata addresses (`AddressGuard.neverReachable`) are refused at connection time whatever the
    /// list says, so a range reaching into them is refused here, where the operator can fix it.
    static func allowedNetworks(_ mapping: inout YAMLMapping, key: String = "allow") throws -> [IPNetwork] {
        guard let texts = try mapping.strings(key) else { return [] }
        return try texts.map { text in
            let network: IPNetwork
            do {
                network = try IPNetwork(parsing: text.trimmingCharacters(in: .whitespaces))
            } catch {
                throw mapping.error(key, "\(error) (expected CIDRs such as 10.20.0.0/16 or fd12:3456::/32)")
            }
            if let metadata = AddressGuard.neverReachable.first(where: { $0.overlaps(network) }) {
                throw mapping.error(
                    key,
                    "\(network) covers \(metadata), cloud metadata addresses that are never reachable; "
                        + "list narrower ranges that leave them out")
            }
            return network
        }
    }

    /// Whether `host` (from a relay URL) is an IP address literal that is not loopback, so `tls: none` cannot hold.
    ///
    /// A name is not judged here: its addresses are checked at every connection, in curl's open-socket callback.
    static func isRemoteAddressLiteral(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !bare.contains("/"), let address = try? IPNetwork(parsing: bare) else { return false }
        return !AddressGuard.isLoopback(address.bytes)
    }
}
