import Foundation

/// Markers the composer leaves in rendered bodies where each recipient's own details go.
///
/// Bodies are rendered once per locale; the dispatcher fills the markers per delivery, the same
/// way on every retry, so the bytes sent never change between attempts.
public enum Personalisation {
    /// Stands for the recipient's unsubscribe link.
    public static let unsubscribeURLMarker = "%%CRIER_UNSUBSCRIBE_URL%%"
    /// Stands for the recipient's name.
    public static let recipientNameMarker = "%%CRIER_RECIPIENT_NAME%%"

    /// Fills the markers in plain text.
    public static func fillText(_ text: String, unsubscribeURL: String?, recipientName: String?) -> String {
        fill(text, unsubscribeURL: unsubscribeURL ?? "", recipientName: recipientName ?? "")
    }

    /// Fills the markers in HTML, escaping the values.
    public static func fillHTML(_ html: String, unsubscribeURL: String?, recipientName: String?) -> String {
        fill(
            html, unsubscribeURL: XMLText.escape(unsubscribeURL ?? ""),
            recipientName: XMLText.escape(recipientName ?? ""))
    }

    /// One pass over the UTF-8 bytes: this runs for every email sent.
    private static func fill(_ text: String, unsubscribeURL: String, recipientName: String) -> String {
        let prefix = Array("%%CRIER_".utf8)
        let markers: [([UInt8], String)] = [
            (Array(unsubscribeURLMarker.utf8), unsubscribeURL), (Array(recipientNameMarker.utf8), recipientName),
        ]
        var bytes: [UInt8] = []
        var found = false
        text.utf8.withContiguousStorageIfAvailable { source in
            var index = 0
            var copiedUpTo = 0
            while index + prefix.count <= source.count {
                guard source[index] == prefix[0], source[index + 1] == prefix[1],
                    let (marker, value) = markers.first(where: { marker, _ in
                        index + marker.count <= source.count
                            && source[index..<(index + marker.count)].elementsEqual(marker)
                    })
                else {
                    index += 1
                    continue
                }
                if !found {
                    found = true
                    bytes.reserveCapacity(source.count + 64)
                }
                bytes.append(contentsOf: source[copiedUpTo..<index])
                bytes.append(contentsOf: value.utf8)
                index += marker.count
                copiedUpTo = index
            }
            if found { bytes.append(contentsOf: source[copiedUpTo...]) }
        }
            ?? {
                // Not contiguous (bridged strings): the slow path.
                found = true
                bytes = Array(
                    text.replacingOccurrences(of: unsubscribeURLMarker, with: unsubscribeURL)
                        .replacingOccurrences(of: recipientNameMarker, with: recipientName).utf8)
            }()
        return found ? String(decoding: bytes, as: UTF8.self) : text
    }
}
