import Foundation

/// Locale fallback: `pl-PL` tries `pl-PL`, then `pl`, then `en`.
///
/// One rule for the templates (which rendition a locale gets) and the store (which rendition each
/// resident's delivery names), so the two never disagree.
public enum LocaleChain {
    /// The requested locale, normalised (`pl_PL` → `pl-PL`), then its language, then `en`.
    public static func candidates(for requested: String) -> [String] {
        let normalised = requested.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(
            of: "_", with: "-")
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
    public static func resolve(_ requested: String, available: [String]) -> String {
        for candidate in candidates(for: requested) {
            if let match = available.first(where: { $0.lowercased() == candidate.lowercased() }) {
                return match
            }
        }
        return "en"
    }
}
