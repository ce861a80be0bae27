import Testing
@testable import Agreement

private func sentences(_ text: String) -> [String] {
    texts(Sentences.ranges(in: text), in: text)
}

@Test func sentencesEndAtTerminatorsBeforeCapitals() {
    let text = "Dr. Smith arrived. He sat down! Was it 3.14? Yes."
    #expect(sentences(text) == ["Dr. Smith arrived.", "He sat down!", "Was it 3.14?", "Yes."])
    #expect(Sentences.ranges(in: text) == [0..<18, 19..<31, 32..<44, 45..<49])
}

@Test func abbreviationsDoNotEndSentences() {
    #expect(sentences("We use e.g. apples and i.e. pears. Then we stop.") == ["We use e.g. apples and i.e. pears.", "Then we stop."])
    #expect(sentences("See Fig. 3 for details. The U.S. Army left.") == ["See Fig. 3 for details.", "The U.S. Army left."])
    #expect(sentences("Mr. and Mrs. Jones met Prof. Li vs. Ms. Ray. Done.") == ["Mr. and Mrs. Jones met Prof. Li vs. Ms. Ray.", "Done."])
    #expect(sentences("Smith et al. Found it. Apples, pears, etc. Are fruit.") == ["Smith et al. Found it.", "Apples, pears, etc. Are fruit."])
    #expect(sentences("Acme Inc. Ltd. Jr. Sr. St. Paul cf. No. 5 is big. No more.") == ["Acme Inc. Ltd. Jr. Sr. St. Paul cf. No. 5 is big.", "No more."])
}

@Test func initialsDoNotEndSentences() {
    #expect(sentences("J. R. R. Tolkien wrote books. They sold.") == ["J. R. R. Tolkien wrote books.", "They sold."])
    // A lowercase "no" is a word, not the abbreviation "No.".
    #expect(sentences("The answer is no. We left.") == ["The answer is no.", "We left."])
}

@Test func decimalsAndInnerDotsDoNotSplit() {
    #expect(sentences("Pi is 3.14 today. The site example.com works.") == ["Pi is 3.14 today.", "The site example.com works."])
    #expect(sentences("This is version 2. it continues.") == ["This is version 2. it continues."])
}

@Test func ellipses() {
    #expect(sentences("I think... maybe not. Fine.") == ["I think... maybe not.", "Fine."])
    #expect(sentences("Wait\u{2026} What happened?") == ["Wait\u{2026}", "What happened?"])
    #expect(sentences("Really?! Yes.") == ["Really?!", "Yes."])
}

@Test func quotesAndBrackets() {
    #expect(sentences("He said \"Stop.\" Then he left.") == ["He said \"Stop.\"", "Then he left."])
    #expect(sentences("It ended. \"Next,\" she said.") == ["It ended.", "\"Next,\" she said."])
    #expect(sentences("(It was late.) \u{201C}Go!\u{201D} (Fine.)") == ["(It was late.)", "\u{201C}Go!\u{201D}", "(Fine.)"])
}

@Test func paragraphBreaksEndSentences() {
    let text = "First para without a stop\n\nSecond para. Third one\n\n  "
    #expect(sentences(text) == ["First para without a stop", "Second para.", "Third one"])
    // A single line break is whitespace.
    #expect(sentences("Line one.\nLine two.") == ["Line one.", "Line two."])
    #expect(sentences("Line one\ncontinues.") == ["Line one\ncontinues."])
}

@Test func nonASCIISentences() {
    let text = "Das ist gut. \u{00D6}sterreich ist sch\u{00F6}n. \u{65E5}\u{672C}\u{8A9E}\u{3067}\u{3059}\u{3002}\u{6B21}\u{306E}\u{6587}\u{3002} 5 \u{1F600} ok."
    #expect(
        sentences(text) == [
            "Das ist gut.", "\u{00D6}sterreich ist sch\u{00F6}n.", "\u{65E5}\u{672C}\u{8A9E}\u{3067}\u{3059}\u{3002}",
            "\u{6B21}\u{306E}\u{6587}\u{3002}", "5 \u{1F600} ok.",
        ])
    #expect(Sentences.ranges(in: text) == [0..<12, 13..<34, 35..<41, 41..<45, 46..<53])
    // Caseless scripts start sentences too.
    #expect(sentences("Hello. \u{05E9}\u{05DC}\u{05D5}\u{05DD}.") == ["Hello.", "\u{05E9}\u{05DC}\u{05D5}\u{05DD}."])
}

@Test func sentenceEdgeCases() {
    #expect(Sentences.ranges(in: "").isEmpty)
    #expect(sentences("...") == ["..."])
    #expect(sentences("A. B.") == ["A. B."])  // initials
    #expect(sentences("Go. Now.") == ["Go.", "Now."])
    #expect(sentences("End.   ") == ["End."])
}
