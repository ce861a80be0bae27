import Testing
import Agreement

/// A store keeps each document's units as bytes (`DocumentUnits.bytes`); reading them back
/// must give the same units, and anything that is not exactly such an encoding must read as
/// nil, never as other units.
@Suite struct DocumentUnitsBytesTests {
    @Test func unitsOfEveryShapeComeBackAsTheyWere() {
        var rng = SystemRandomNumberGenerator()
        var cases: [DocumentUnits] = [
            DocumentUnits(ranges: []), DocumentUnits(ranges: [0..<0]), DocumentUnits(ranges: [0..<1]),
            DocumentUnits(ranges: [0..<127, 127..<128, 300..<16_384, 16_384..<2_000_000]),
            DocumentUnits(text: "One.\n\nTwo, three. Four?\n\n\n\nFive 😀 six.", scheme: .paragraph)!,
            DocumentUnits(text: "One.\n\nTwo, three. Four?\n\n\n\nFive 😀 six.", scheme: .sentence)!,
        ]
        for _ in 0..<200 {
            var ranges: [Range<Int>] = []
            var at = 0
            for _ in 0..<Int.random(in: 0..<40, using: &rng) {
                let start = at + Int.random(in: 0..<300, using: &rng)
                let end = start + Int.random(in: 0..<5_000, using: &rng)
                ranges.append(start..<end)
                at = end
            }
            cases.append(DocumentUnits(ranges: ranges))
        }
        for units in cases {
            #expect(DocumentUnits(bytes: units.bytes) == units, "\(units.starts) \(units.ends)")
        }
    }

    @Test func bytesThatAreNoEncodingReadAsNothing() {
        let good = DocumentUnits(ranges: [2..<10, 10..<200]).bytes
        let broken: [[UInt8]] = [
            [],  // no count
            [0x80],  // a varint cut short
            [2, 2, 8],  // fewer units than counted
            good + [0],  // bytes after the last unit
            [1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],  // past Int32
            [0xff, 0xff, 0xff, 0x7f],  // a count larger than the bytes could hold
        ]
        for bytes in broken { #expect(DocumentUnits(bytes: bytes) == nil, "\(bytes)") }
        #expect(DocumentUnits(bytes: good) == DocumentUnits(ranges: [2..<10, 10..<200]))
    }

    @Test func onlyTheSchemesWithSplitUnitsAreKept() {
        #expect(DocumentUnits.storedName(.paragraph) == "paragraph/1")
        #expect(DocumentUnits.storedName(.sentence) == "sentence/1")
        #expect(DocumentUnits.storedName(.document) == nil)
        #expect(DocumentUnits.storedName(.character) == nil)
        #expect(DocumentUnits.storedName(.segment(overlapPercent: 50)) == nil)
    }
}
