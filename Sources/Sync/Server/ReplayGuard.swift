import Foundation

/// Remembers request signatures for as long as their timestamps are inside
/// the window, so that no (key, sig) pair is ever accepted twice.
actor ReplayGuard {
    private var seen: [String: Int64] = [:]
    private var lastPrune: Int64 = 0

    /// Records the pair; false if it was seen before.
    func admit(key: String, signature: String, timestamp: Int64, now: Int64) -> Bool {
        if now - lastPrune > RequestSignature.window {
            seen = seen.filter { now - $0.value <= RequestSignature.window * 2 }
            lastPrune = now
        }
        let id = key + ":" + signature
        guard seen[id] == nil else { return false }
        seen[id] = timestamp
        return true
    }
}
