/// Slices of one text by Unicode scalar offsets, cut from its UTF-8 bytes
/// with a cursor that only moves forward while the slices asked for do: a
/// listing of a document's units in order walks its bytes about once, and
/// each slice is a copy of bytes, not a string built scalar by scalar.
struct ScalarSlicer {
    private let bytes: [UInt8]
    /// The cursor: scalar `scalar` starts at byte `byte`.
    private var scalar = 0
    private var byte = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    /// The scalars `span` covers, clipped to the text.
    mutating func text(_ span: Range<Int>) -> String {
        if span.lowerBound < scalar { (scalar, byte) = (0, 0) }
        while scalar < span.lowerBound, byte < bytes.count {
            byte = next(after: byte)
            scalar += 1
        }
        var end = byte
        for _ in 0..<max(0, span.upperBound - scalar) where end < bytes.count { end = next(after: end) }
        return String(decoding: bytes[byte..<end], as: UTF8.self)
    }

    /// The byte where the scalar after the one starting at `at` starts.
    private func next(after at: Int) -> Int {
        var i = at + 1
        while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
        return i
    }
}
