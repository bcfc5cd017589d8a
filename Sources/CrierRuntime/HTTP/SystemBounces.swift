import CrierHTTP

/// `POST /api/v1/bounces` over one installation, through `BounceDesk`.
struct SystemBounces: BounceReceiver {
    let system: CrierSystem

    func record(email: String, kind: String, reason: String, partner: String) async throws -> BounceReceipt {
        do {
            let recorded = try BounceDesk(system: system).record(
                email: email, kind: kind, reason: reason, source: "partner \(partner)")
            return BounceReceipt(suppressed: recorded.suppressed, recentSoftBounces: recorded.recentSoftBounces)
        } catch let error as BounceError {
            throw BounceRejection(
                problems: error.problems.map { SignupFieldProblem(field: $0.field, message: $0.message) })
        }
    }
}
