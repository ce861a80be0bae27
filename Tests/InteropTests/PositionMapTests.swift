import Foundation
@testable import Interop
import Testing

@Suite struct PositionMapTests {
    @Test func crlfCountedAsTwo() {
        let map = PositionMap(raw: "ab\r\ncd", convention: .literal)
        #expect(map.text == "ab\ncd" && map.rawLength == 6 && map.length == 5)
        #expect(map.start(4) == 3 && map.end(6) == 5)
        // Between \r and \n: a start rounds down to the line break, an end up past it.
        #expect(map.start(3) == 2 && map.end(3) == 3)
        #expect(map.start(7) == nil && map.end(-1) == nil)
    }

    @Test func crlfCountedAsOne() {
        let map = PositionMap(raw: "ab\r\ncd", convention: .crlfAsOne)
        #expect(map.rawLength == 5)
        #expect(map.start(3) == 3 && map.end(5) == 5)
        #expect(map.start(6) == nil)
    }

    @Test func loneCarriageReturnsAreLineBreaks() {
        let map = PositionMap(raw: "a\rb\r\r\nc", convention: .literal)
        #expect(map.text == "a\nb\n\nc")
        #expect(map.start(6) == 5)
    }

    @Test func decomposedCharactersComposeAndPositionsFollow() {
        let raw = "Cafe\u{301} au lait"
        let map = PositionMap(raw: raw, convention: .literal)
        #expect(map.text == "Café au lait" && map.text.unicodeScalars.count == 12)
        #expect(map.start(6) == 5)  // " au" → after the composed é
        #expect(map.start(4) == 3 && map.end(4) == 4)  // between e and its accent: outwards
        #expect(NormalisedText.slice(map.text, start: map.start(0)!, end: map.end(5)!) == "Café")
    }

    @Test func hangulJamoCompose() {
        let map = PositionMap(raw: "\u{1100}\u{1161}x", convention: .literal)
        #expect(map.text == "가x")
        #expect(map.start(2) == 1 && map.end(1) == 1 && map.start(1) == 0)
    }

    @Test func byteOrderMarkIsNotCounted() {
        let map = PositionMap(raw: "\u{FEFF}hello", convention: .literal)
        #expect(map.text == "hello" && map.rawLength == 5 && map.start(1) == 1)
    }

    @Test func utf16CodeUnits() {
        let map = PositionMap(raw: "a😀b", convention: PositionConvention(lineBreaks: .crlfAsTwo, unit: .utf16CodeUnit))
        #expect(map.rawLength == 4)
        #expect(map.start(3) == 2 && map.end(4) == 3)
        #expect(map.start(2) == 1 && map.end(2) == 2)  // inside the surrogate pair
    }

    /// For random texts of line breaks, combining marks, jamo and emoji: the
    /// text is `NormalisedText.normalise(raw)`, offsets grow with positions, and
    /// at every boundary that nothing straddles, the offset is the length of
    /// the normalised prefix.
    @Test func agreesWithNormalisingPrefixes() {
        let pieces = ["a", "b", " ", "\r\n", "\n", "\r", "e\u{301}", "\u{301}", "\u{1100}\u{1161}", "😀", "é", "x\u{308}\u{301}", "\u{212B}"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let parts = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
            let raw = parts.joined()
            for convention in [PositionConvention.literal, .crlfAsOne, PositionConvention(lineBreaks: .crlfAsTwo, unit: .utf16CodeUnit)] {
                let map = PositionMap(raw: raw, convention: convention)
                #expect(map.text == NormalisedText.normalise(raw))
                #expect(map.start(0) == 0 && map.end(map.rawLength) == map.length)
                var last = 0
                for p in 0...map.rawLength {
                    let s = map.start(p)!, e = map.end(p)!
                    #expect(s <= e && s >= last)
                    last = s
                }
                // Boundaries between grapheme clusters of the raw text.
                var units = 0
                var prefix = ""
                for cluster in raw {
                    prefix.append(cluster)
                    units += Self.units(String(cluster), convention)
                    let expected = NormalisedText.normalise(prefix).unicodeScalars.count
                    #expect(map.start(units) == expected && map.end(units) == expected, "\(raw.debugDescription) at \(units)")
                }
            }
        }
    }

    private static func units(_ cluster: String, _ c: PositionConvention) -> Int {
        var n = 0
        for s in cluster.unicodeScalars {
            if s == "\n", cluster.unicodeScalars.contains("\r"), c.lineBreaks == .crlfAsOne { continue }
            n += c.unit == .utf16CodeUnit && s.value > 0xFFFF ? 2 : 1
        }
        return n
    }

    @Test func choosesTheCountingThatPutsBoundariesBetweenWords() {
        let raw = "one two\r\nthree four\r\nfive six\r\nseven eight\r\n"
        let lf = raw.replacingOccurrences(of: "\r\n", with: "\n")
        // Positions as an exporter counting CRLF as one wrote them: spans of words in the LF text.
        func span(_ w: String, in s: String) -> (Int, Int) {
            let r = s.range(of: w)!
            return (s.unicodeScalars.distance(from: s.unicodeScalars.startIndex, to: r.lowerBound),
                    s.unicodeScalars.distance(from: s.unicodeScalars.startIndex, to: r.upperBound))
        }
        let asOne = ["four", "six", "seven", "eight"].map { span($0, in: lf) }
        let asTwo = ["four", "six", "seven", "eight"].map { span($0, in: raw) }
        func choose(_ origin: String?, _ text: String, _ selections: [(Int, Int)]) -> PositionConvention {
            PositionConventionChooser.choose(
                origin: origin, texts: [.init(raw: text, selections: selections.map { (start: $0.0, end: $0.1) })],
                explicit: nil
            ).convention
        }
        #expect(choose("Some Tool 1.0", raw, asOne) == .crlfAsOne)
        #expect(choose("Some Tool 1.0", raw, asTwo) == .literal)
        // ATLAS.ti's habit settles a file whose selections do not tell.
        #expect(choose("ATLAS.ti 9", raw, []) == .crlfAsOne)
        // No CR anywhere: the origin's habit (or the literal reading) stands.
        #expect(choose("ATLAS.ti 9", lf, asOne) == .crlfAsOne)
        #expect(choose(nil, lf, asOne) == .literal)
    }
}
