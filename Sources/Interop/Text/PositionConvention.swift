/// How an exporter counted `startPosition`/`endPosition` in a text source.
///
/// REFI-QDA says positions are character offsets into the plain text, but
/// tools disagree on what a character is where the text has Windows line
/// ends: ATLAS.ti counts `\r\n` as one character, others count the two
/// characters the file holds. Tools written for the JVM or .NET may also count
/// UTF-16 code units, which differ from Unicode scalars only for characters
/// outside the Basic Multilingual Plane (most emoji).
public struct PositionConvention: Hashable, Sendable, CustomStringConvertible {
    public enum LineBreaks: String, Hashable, Sendable, CaseIterable {
        /// `\r\n` counts as two characters (the bytes of the file, read literally).
        case crlfAsTwo
        /// `\r\n` counts as one character (ATLAS.ti; tools that read text in universal-newline mode).
        case crlfAsOne
    }

    public enum Unit: String, Hashable, Sendable, CaseIterable {
        /// One per Unicode scalar (code point): Python, Swift, accord.
        case unicodeScalar
        /// One per UTF-16 code unit: a scalar outside the BMP counts twice.
        case utf16CodeUnit
    }

    public var lineBreaks: LineBreaks
    public var unit: Unit

    public init(lineBreaks: LineBreaks, unit: Unit = .unicodeScalar) {
        self.lineBreaks = lineBreaks
        self.unit = unit
    }

    /// The file read literally: every scalar it holds counts once.
    public static let literal = PositionConvention(lineBreaks: .crlfAsTwo, unit: .unicodeScalar)
    /// ATLAS.ti's counting: `\r\n` is one character.
    public static let crlfAsOne = PositionConvention(lineBreaks: .crlfAsOne, unit: .unicodeScalar)

    public var description: String {
        (lineBreaks == .crlfAsTwo ? "CRLF as two characters" : "CRLF as one character")
            + (unit == .unicodeScalar ? ", Unicode scalars" : ", UTF-16 code units")
    }
}
