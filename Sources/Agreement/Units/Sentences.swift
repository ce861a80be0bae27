/// Sentence units: a small, documented, rule-based splitter (no language model, so the same
/// text always gives the same units on every replica).
///
/// Rules, applied inside each paragraph (see ``Paragraphs``; a sentence never crosses a
/// paragraph break, but may cross a single line break):
/// 1. A *terminator run* is one or more of `.` `!` `?` `…` `‼` `⁇` `⁈` `⁉`, optionally followed
///    by closing quotes or brackets (`"` `'` `”` `’` `»` `)` `]` `}`), which stay in the sentence.
/// 2. The run ends a sentence when it is followed by the end of the paragraph, or by whitespace
///    and then a scalar that can start a sentence: an uppercase or titlecase letter, a letter of
///    a script without case (Han, Arabic, Hebrew, …), a digit, or an opening quote or bracket
///    (`"` `'` `“` `‘` `«` `(` `[` `¿` `¡`). A lowercase letter or other punctuation after the
///    whitespace continues the sentence — so an ellipsis inside a sentence ("I think... maybe")
///    does not split.
/// 3. A run with no whitespace after it never splits, so decimals (`3.14`), inner dots
///    (`U.S.A`, `e.g.`) and URLs stay whole.
/// 4. A run that is a single `.` does not split after an abbreviation — the token before the
///    dot (leading opening punctuation removed) is one of
///    `Dr Mr Mrs Ms Prof Fig Figs No Nos Inc Ltd Jr Sr St Mt Co Corp Vol Ed Eds Gen Gov Rev Sen Rep`,
///    or, in any case, `e.g i.e etc vs cf al viz approx ca`, or a single uppercase letter
///    (an initial: `J. Smith`), or single letters joined by dots (`U.S`, `a.m`, `i.e`).
///    The price of rule 4 is that a sentence really ending in "etc." or "U.S." is not split.
/// 5. The CJK full stops `。` `！` `？` `｡` (and their fullwidth forms) end a sentence without
///    needing whitespace after them.
/// 6. A sentence's range starts at its first non-whitespace scalar and ends after its
///    terminator run (with closing punctuation); whitespace between sentences belongs to no unit.
public enum Sentences {
    /// The sentences of `text` as sorted, disjoint Unicode scalar ranges.
    public static func ranges(in text: String) -> [Range<Int>] {
        let paragraphs = Paragraphs.ranges(in: text)
        if paragraphs.isEmpty { return [] }
        let scalars = ScalarText.scalars(text)
        var result: [Range<Int>] = []
        for paragraph in paragraphs {
            split(scalars, paragraph, into: &result)
        }
        return result
    }

    private static func split(_ s: [Unicode.Scalar], _ paragraph: Range<Int>, into result: inout [Range<Int>]) {
        let end = paragraph.upperBound
        var sentenceStart = paragraph.lowerBound
        var i = paragraph.lowerBound
        while i < end {
            let c = s[i]
            guard isTerminator(c) else {
                i += 1
                continue
            }
            var j = i
            var unconditional = false
            while j < end && isTerminator(s[j]) {
                if isCJKTerminator(s[j]) { unconditional = true }
                j += 1
            }
            let singleDot = (j - i == 1 && c == ".")
            while j < end && isClosing(s[j]) { j += 1 }
            var k = j
            while k < end && ScalarText.isWhitespace(s[k]) { k += 1 }

            var boundary: Bool
            if unconditional || j == end || k == end {
                boundary = true
            } else if k == j {
                boundary = false  // no whitespace after the run: 3.14, U.S.A, e.g.x
            } else {
                boundary = canStartSentence(s[k])
            }
            if boundary && singleDot && !unconditional && isAbbreviation(s, dotAt: i, from: sentenceStart) {
                boundary = false
            }
            if boundary {
                result.append(sentenceStart..<j)
                sentenceStart = k
                i = k
            } else {
                i = j
            }
        }
        if sentenceStart < end {
            // The paragraph range is trimmed, so the remainder ends with a non-whitespace scalar.
            result.append(sentenceStart..<end)
        }
    }

    static func isTerminator(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ".", "!", "?", "\u{2026}", "\u{203C}", "\u{2047}", "\u{2048}", "\u{2049}":
            return true
        default:
            return isCJKTerminator(c)
        }
    }

    static func isCJKTerminator(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{FF61}", "\u{FF0E}":
            return true
        default:
            return false
        }
    }

    static func isClosing(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "'", "\u{201D}", "\u{2019}", "\u{00BB}", ")", "]", "}", "\u{300D}", "\u{300F}", "\u{FF09}":
            return true
        default:
            return false
        }
    }

    static func isOpening(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "'", "\u{201C}", "\u{2018}", "\u{00AB}", "(", "[", "\u{00BF}", "\u{00A1}", "\u{300C}", "\u{300E}":
            return true
        default:
            return false
        }
    }

    static func canStartSentence(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter, .otherLetter:
            return true  // .otherLetter: scripts without case (Han, Arabic, Hebrew, ...)
        case .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return isOpening(c)
        }
    }

    static let abbreviations: Set<String> = [
        "Dr", "Mr", "Mrs", "Ms", "Prof", "Fig", "Figs", "No", "Nos", "Inc", "Ltd", "Jr", "Sr", "St",
        "Mt", "Co", "Corp", "Vol", "Ed", "Eds", "Gen", "Gov", "Rev", "Sen", "Rep",
    ]
    static let caseInsensitiveAbbreviations: Set<String> = [
        "e.g", "i.e", "etc", "vs", "cf", "al", "viz", "approx", "ca",
    ]

    /// Whether the token that ends at the dot `s[dot]` is an abbreviation (rule 4).
    static func isAbbreviation(_ s: [Unicode.Scalar], dotAt dot: Int, from lowerLimit: Int) -> Bool {
        var t = dot
        while t > lowerLimit && !ScalarText.isWhitespace(s[t - 1]) { t -= 1 }
        while t < dot && isOpening(s[t]) { t += 1 }
        guard t < dot else { return false }
        let token = s[t..<dot]
        var string = ""
        string.unicodeScalars.append(contentsOf: token)
        if abbreviations.contains(string) { return true }
        if caseInsensitiveAbbreviations.contains(string.lowercased()) { return true }
        if token.count == 1, let only = token.first, only.properties.isUppercase { return true }
        // Single letters joined by dots: U.S, a.m, i.e, U.S.A
        var expectLetter = true
        var letters = 0
        for c in token {
            if expectLetter {
                guard c.properties.isAlphabetic else { return false }
                letters += 1
            } else if c != "." {
                return false
            }
            expectLetter.toggle()
        }
        return letters >= 2 && !expectLetter
    }
}
