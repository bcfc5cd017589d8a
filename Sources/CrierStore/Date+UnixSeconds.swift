import Foundation

extension Date {
    /// The REAL the database stores for this instant.
    var unixSeconds: Double { timeIntervalSince1970 }

    init(unixSeconds: Double) { self.init(timeIntervalSince1970: unixSeconds) }
}
