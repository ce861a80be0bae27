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
        var text = text
        // Walks the UTF-8 bytes rather than `unicodeScalars`: offsets count lead bytes, and only
        // the rare non-ASCII scalars are decoded (to ask whether they are whitespace), which
        // keeps splitting megabytes of text cheap.
        return text.withUTF8 { bytes in
            var splitter = Splitter()
            var offset = 0
            var i = 0
            let count = bytes.count
            while i < count {
                let byte = bytes[i]
                if byte < 0x80 {
                    if byte == 0x0A {
                        splitter.endLine()
                    } else if !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) {
                        splitter.visible(offset)
                    }
                    i += 1
                } else {
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    var k = 1
                    while k < length && i + k < count {
                        value = (value << 6) | (UInt32(bytes[i + k]) & 0x3F)
                        k += 1
                    }
                    if let scalar = Unicode.Scalar(value), ScalarText.isWhitespace(scalar) {
                        // Whitespace other than a line break: neither visible nor a line end.
                    } else {
                        splitter.visible(offset)
                    }
                    i += length
                }
                offset += 1
            }
            splitter.endLine()
            splitter.finish()
            return splitter.result
        }
    }

    /// The paragraph state machine, fed one line at a time.
    private struct Splitter {
        var result: [Range<Int>] = []
        var paragraphStart: Int? = nil
        var paragraphEnd = 0
        // State of the current line.
        var lineFirst: Int? = nil
        var lineLast = 0

        @inline(__always)
        mutating func visible(_ offset: Int) {
            if lineFirst == nil { lineFirst = offset }
            lineLast = offset
        }

        mutating func endLine() {
            if let first = lineFirst {
                if paragraphStart == nil { paragraphStart = first }
                paragraphEnd = lineLast + 1
            } else if let start = paragraphStart {
                result.append(start..<paragraphEnd)
                paragraphStart = nil
            }
            lineFirst = nil
        }

        mutating func finish() {
            if let start = paragraphStart {
                result.append(start..<paragraphEnd)
                paragraphStart = nil
            }
        }
    }
}
