import Foundation

/// Polls `condition` every 50 ms for up to `seconds`, sleeping without holding a thread; true once it holds.
public func eventually(within seconds: Double, _ condition: () throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try condition()
}
