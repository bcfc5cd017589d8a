import Foundation

/// Locale fallback: `pl-PL` tries `pl-PL`, then `pl`, then `en`.
enum LocaleChain {
    /// The requested locale, normalised (`pl_PL` → `pl-PL`), then its language, then `en`.
    static func candidates(for requested: String) -> [String] {
        let normalised = requested.trimmed.replacingOccurrences(of: "_", with: "-")
        var chain: [String] = []
        if !normalised.isEmpty { chain.append(normalised) }
        if let dash = normalised.firstIndex(of: "-") {
            chain.append(String(normalised[..<dash]))
        }
        chain.append("en")
        var seen: Set<String> = []
        return chain.filter { seen.insert($0.lowercased()).inserted }
    }

    /// The first locale of the chain that `available` lists (case-insensitively), or `en`.
    static func resolve(_ requested: String, available: [String]) -> String {
        for candidate in candidates(for: requested) {
            if let match = available.first(where: { $0.lowercased() == candidate.lowercased() }) {
                return match
            }
        }
        return "en"
    }
}
