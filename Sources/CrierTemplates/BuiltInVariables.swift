/// The variables every template may use without declaring them; the caller fills them from a `RenderContext`.
enum BuiltInVariables {
    /// Built-in names, with the item fields of the list ones.
    static let names: [String: [String]?] = [
        "area_names": nil,
        "areas": ["id", "name"],
        "sender_name": nil,
        "status": nil,
        "status_prefix": nil,
        "update_note": nil,
        "sent_date": nil,
        "unsubscribe_url": nil,
        "recipient_name": nil,
        "alert_id": nil,
        "references": nil,
        "locale": nil,
    ]
}
