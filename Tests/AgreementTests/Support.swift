import Foundation
import Testing
@testable import Agreement

/// Fixture files written by scripts/agreement_fixtures.py, found next to this file.
enum Fixtures {
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        let data = try Data(contentsOf: url(name))
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// "0a3." → [0, 10, 3, nil]
    static func decodeRatings(_ s: String) -> [Int?] {
        s.unicodeScalars.map { c -> Int? in
            if c == "." { return nil }
            if c >= "0" && c <= "9" { return Int(c.value - 48) }
            return Int(c.value - 97 + 10)
        }
    }
}

/// |actual − expected| ≤ tolerance, with nil matching nil only.
func expectClose(
    _ actual: Double?, _ expected: Double?, tolerance: Double = 1e-9, _ label: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    switch (actual, expected) {
    case (nil, nil):
        return
    case (let a?, let e?):
        #expect(abs(a - e) <= tolerance, "\(label()): \(a) vs expected \(e)", sourceLocation: sourceLocation)
    default:
        Issue.record("\(label()): \(String(describing: actual)) vs expected \(String(describing: expected))", sourceLocation: sourceLocation)
    }
}

/// A small deterministic generator (SplitMix64) so random tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
