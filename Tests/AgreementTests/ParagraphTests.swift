import Testing
@testable import Agreement

/// The texts of `ranges` (Unicode scalar offsets) in `text`.
func texts(_ ranges: [Range<Int>], in text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    return ranges.map { r in
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars[r])
        return s
    }
}

@Test func paragraphsSplitAtBlankLines() {
    let text = "Hello world.\n\nSecond paragraph here."
    #expect(Paragraphs.ranges(in: text) == [0..<12, 14..<36])
}

@Test func singleLineBreakDoesNotSplitAParagraph() {
    let text = "line one\nline two\n\nthree"
    #expect(Paragraphs.ranges(in: text) == [0..<17, 19..<24])
}

@Test func whitespaceOnlyLinesAreBlank() {
    #expect(Paragraphs.ranges(in: "A\n \t\nB") == [0..<1, 5..<6])
    #expect(Paragraphs.ranges(in: "A\n\u{00A0}\u{2003}\n\n\nB") == [0..<1, 7..<8])
}

@Test func paragraphsAreTrimmed() {
    let text = "\n\n  Indented para  \n\n\n\tlast\n"
    let ranges = Paragraphs.ranges(in: text)
    #expect(texts(ranges, in: text) == ["Indented para", "last"])
    #expect(ranges == [4..<17, 23..<27])
}

@Test func paragraphOffsetsAreUnicodeScalars() {
    // "Ünïcödé 😀 text" is 14 scalars (the emoji is one scalar, two UTF-16 units, four bytes).
    let text = "\u{00DC}n\u{00EF}c\u{00F6}d\u{00E9} \u{1F600} text\n\n\u{65E5}\u{672C}\u{8A9E}\u{306E}\u{6BB5}\u{843D}\u{3002}"
    let ranges = Paragraphs.ranges(in: text)
    #expect(ranges == [0..<14, 16..<23])
    #expect(ScalarText.count(text) == 23)
    #expect(texts(ranges, in: text)[1] == "\u{65E5}\u{672C}\u{8A9E}\u{306E}\u{6BB5}\u{843D}\u{3002}")
}

@Test func emptyTextsHaveNoParagraphs() {
    #expect(Paragraphs.ranges(in: "").isEmpty)
    #expect(Paragraphs.ranges(in: " \n\t\n  ").isEmpty)
    #expect(Paragraphs.ranges(in: "x") == [0..<1])
}

@Test func codingsRateTheParagraphsTheyOverlap() {
    let text = "One.\n\nTwo.\n\nThree."  // paragraphs [0,4) [6,10) [12,18)
    let doc = AgreementDocument(id: "d", title: "t", text: text)
    let input = AgreementInput(
        documents: [doc], coders: ["a", "b"], codes: [AgreementCode(id: "c", path: "c")],
        codings: [
            AgreementCoding(coder: "a", document: "d", code: "c", start: 3, end: 7),  // overlaps 1 and 2
            AgreementCoding(coder: "b", document: "d", code: "c", start: 4, end: 6),  // only the break: none
            AgreementCoding(coder: "b", document: "d", code: "c", start: 17, end: 18),  // last char of 3
        ])
    let report = computeAgreement(input, unit: .paragraph)
    #expect(report.units == 3)
    #expect(report.codes[0].present == [2, 1])
    let pair = report.codes[0].pairs[0]
    #expect([pair.both, pair.onlyFirst, pair.onlySecond, pair.neither] == [0, 2, 1, 0])
}
