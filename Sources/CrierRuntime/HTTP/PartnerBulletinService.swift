import CrierHTTP
import Foundation

/// `POST /api/v1/areas/{area}/bulletin-items` over one installation: `BulletinDesk`'s rules and
/// audit, with the partner as the actor.
struct PartnerBulletinService: BulletinItemIntake {
    let system: CrierSystem

    func add(_ submission: BulletinItemSubmission, by partner: PartnerCredential) async throws -> BulletinItemReceipt {
        let draft = BulletinItemDraft(
            area: submission.area, title: submission.title, body: submission.body, link: submission.link,
            expires: submission.expires)
        do {
            let item = try BulletinDesk(system: system).add(draft, actor: PartnerSubscriberService.actor(partner))
            return BulletinItemReceipt(
                id: item.id, area: item.area, title: item.title, link: item.link, expires: item.expires,
                status: "waiting")
        } catch let error as BulletinItemError {
            throw APIError.badField(error.field, error.reason)
        }
    }
}
