import Foundation
import Testing
import Store
import AccordTesting

/// `ISOTime.format` is written by hand for speed: it must print what
/// Foundation's formatter prints, for any time a project can hold.
@Suite struct ISOTimeTests {
    static func foundation(_ micros: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let (seconds, fraction) = (micros / 1_000_000, micros % 1_000_000)
        let base = formatter.string(from: Date(timeIntervalSince1970: Double(seconds)))
        return fraction == 0 ? base : base.replacingOccurrences(of: "Z", with: String(format: ".%06dZ", fraction))
    }

    @Test func formatsLikeFoundationAcrossCenturiesAndLeapDays() {
        let edges: [Int64] = [
            0, 1, 999_999, 1_000_000, 86_399_999_999, 86_400_000_000,
            951_782_400_000_000,  // 2000-02-29T00:00:00Z, a leap day of a year divisible by 400
            4_107_542_399_000_000,  // 2100-02-28T23:59:59Z, 2100 is no leap year
            1_795_000_000_123_456, 253_402_300_799_999_999,  // 9999-12-31T23:59:59.999999Z
        ]
        var random = SeededRandom(seed: 7)
        let samples = (0..<20_000).map { _ in Int64(random.next() % 253_402_300_800_000_000) }
        for micros in edges + samples {
            #expect(ISOTime.format(micros) == Self.foundation(micros), "\(micros)")
        }
    }

    @Test func readsBackWhatItPrints() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<2_000 {
            let micros = Int64(random.next() % 4_102_444_800_000_000)
            #expect(ISOTime.parse(ISOTime.format(micros)) == micros)
        }
    }

    @Test func printsWholeSecondsWithoutAFraction() {
        #expect(ISOTime.format(1_764_000_000_000_000) == "2025-11-24T16:00:00Z")
        #expect(ISOTime.format(1_764_000_000_000_001) == "2025-11-24T16:00:00.000001Z")
    }
}
