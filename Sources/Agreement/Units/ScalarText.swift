/// Unicode scalar arithmetic on document text.
///
/// Coding offsets are Unicode scalar (code point) offsets, as in REFI-QDA. Counting scalars by
/// walking `String.unicodeScalars` decodes every byte; counting the UTF-8 bytes that are not
/// continuation bytes (`10xxxxxx`) gives the same number and runs at memory speed, which keeps
/// the character scheme fast on multi-megabyte documents.
public enum ScalarText {
    /// Number of Unicode scalars in `text`.
    public static func count(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes -> Int in
            var continuation = 0
            for byte in bytes where byte & 0xC0 == 0x80 {
                continuation &+= 1
            }
            return bytes.count - continuation
        }
    }

    /// The scalars of `text` as an array, for the splitters that need random access.
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        Array(text.unicodeScalars)
    }

    /// Whitespace as Unicode defines it (White_Space), newlines included.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }  // ASCII fast path
        return scalar.properties.isWhitespace
    }
}
