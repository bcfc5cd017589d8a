/// What residents should do, when an alert gives no `instruction` variable: one plain line per CAP response type.
public enum CAPInstruction {
    /// The generic instruction for `responseType` (English).
    public static func generic(for responseType: CAPInfo.ResponseType) -> String {
        switch responseType {
        case .shelter: "Stay indoors and follow advice from the police and emergency services."
        case .evacuate: "Leave the area as directed by the police and emergency services."
        case .prepare: "Be ready to act on this advice, and share it with family and neighbours."
        case .execute: "Follow the advice in this message now."
        case .avoid: "Do not respond or engage. Report it to the police on 101, or call 999 in an emergency."
        case .monitor: "Stay alert and look out for further advice from the partnership."
        case .assess: "Read this advice and think about whether it affects you or people you know."
        case .allClear: "No further action is needed."
        case .none: "No action is needed."
        }
    }
}
