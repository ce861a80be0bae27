/// Paragraph units: text split at blank lines.
///
/// Rules (the text is LF-normalised, so only `\n` ends a line):
/// - A line is *blank* when it is empty or holds only whitespace (Unicode White_Space).
/// - A paragraph is a maximal run of consecutive non-blank lines; one or more blank lines
///   separate paragraphs. A single line break does not.
/// - A paragraph's unit is its Unicode scalar range with leading and trailing whitespace
///   trimmed: it starts at its first non-whitespace scalar and ends after its last one. The
///   blank lines and line breaks between paragraphs belong to no unit, so a coding that covers
///   only them rates no paragraph.
///
/// The same function numbers paragraphs for `accord apply --paragraph N` (counting from 1 there).
public enum Paragraphs {
    /// The paragraphs of `text` as sorted, disjoint Unicode scalar ranges.
    public static func ranges(in text: String) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var offset = 0
        var paragraphStart: Int? = nil
        var paragraphEnd = 0
        // State of the current line.
        var lineFirst: Int? = nil
        var lineLast = 0

        func endLine() {
            if let first = lineFirst {
                if paragraphStart == nil { paragraphStart = first }
                paragraphEnd = lineLast + 1
            } else if let start = paragraphStart {
                result.append(start..<paragraphEnd)
                paragraphStart = nil
            }
            lineFirst = nil
        }

        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                endLine()
            } else if !ScalarText.isWhitespace(scalar) {
                if lineFirst == nil { lineFirst = offset }
                lineLast = offset
            }
            offset += 1
        }
        endLine()
        if let start = paragraphStart {
            result.append(start..<paragraphEnd)
        }
        return result
    }
}
