/// What the partner API's routes answer from, each a role Runtime implements over the installation.
public struct PartnerAPIBackends: Sendable {
    /// `PUT`/`DELETE /api/v1/subscribers/{email}`.
    public var subscribers: any PartnerSubscriberDesk
    /// `POST /api/v1/areas/{area}/bulletin-items`.
    public var bulletins: any BulletinItemIntake
    /// `GET /api/v1/alerts`.
    public var alerts: any CurrentAlertsFeed

    /// The backends of one installation.
    public init(
        subscribers: any PartnerSubscriberDesk, bulletins: any BulletinItemIntake, alerts: any CurrentAlertsFeed
    ) {
        self.subscribers = subscribers
        self.bulletins = bulletins
        self.alerts = alerts
    }
}
