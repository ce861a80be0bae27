import Testing
@testable import Project

/// `disagreements` cuts each unit's text with a `ScalarSlicer`: every slice
/// must be the scalars the span covers, clipped to the text, whatever the
/// order the spans are asked in.
@Suite struct ScalarSlicerTests {
    @Test func slicesAreTheScalarsTheSpanCovers() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "é", "e\u{301}", "😀", "\n\n", "café", "日本", " ", "\u{10FFFF}"]
        for _ in 0..<50 {
            let text = (0..<Int.random(in: 0..<60, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let scalars = Array(text.unicodeScalars)
            var slicer = ScalarSlicer(text)
            var spans: [Range<Int>] = (0..<30).map { _ in
                let start = Int.random(in: 0...(scalars.count + 3), using: &rng)
                return start..<(start + Int.random(in: 0...8, using: &rng))
            }
            // Mostly in order, as a listing asks; sometimes back again.
            spans.sort { $0.lowerBound < $1.lowerBound }
            if Bool.random(using: &rng) { spans.shuffle(using: &rng) }
            for span in spans {
                let lower = min(span.lowerBound, scalars.count), upper = min(span.upperBound, scalars.count)
                var expected = String.UnicodeScalarView()
                expected.append(contentsOf: scalars[lower..<upper])
                #expect(slicer.text(span) == String(expected), "\(span) of \(scalars.count) scalars")
            }
        }
    }
}
