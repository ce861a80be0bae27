import Foundation

/// Text as accord stores it: no byte-order mark, CRLF and lone CR turned into
/// LF, then Unicode NFC; positions are offsets in Unicode scalars. Everything
/// the import hands back (source text, names, descriptions, notes) is in this
/// form, and `PositionMap` maps an exporter's positions onto it.
public enum NormalisedText {
    /// The normalised form of `raw` (the same rule accord's store applies to documents).
    public static func normalise(_ raw: String) -> String {
        var s = raw
        if s.unicodeScalars.first == "\u{FEFF}" { s.unicodeScalars.removeFirst() }
        return lineFeedsOnly(s).precomposedStringWithCanonicalMapping
    }

    /// Whether `text` is already in normalised form.
    public static func isNormalised(_ text: String) -> Bool {
        !text.unicodeScalars.contains("\r") && text.unicodeScalars.first != "\u{FEFF}"
            && text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// CRLF and lone CR as LF, nothing else changed.
    static func lineFeedsOnly(_ s: String) -> String {
        guard s.unicodeScalars.contains("\r") else { return s }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in s.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCR = true
            } else {
                if !(scalar == "\n" && previousWasCR) { out.append(scalar) }
                previousWasCR = false
            }
        }
        return String(out)
    }

    /// The scalars of `text` in `[start, end)` (Unicode scalar offsets), or nil
    /// when the range does not lie inside the text.
    public static func slice(_ text: String, start: Int, end: Int) -> String? {
        let scalars = text.unicodeScalars
        guard start >= 0, start <= end else { return nil }
        guard let lower = scalars.index(scalars.startIndex, offsetBy: start, limitedBy: scalars.endIndex),
              let upper = scalars.index(lower, offsetBy: end - start, limitedBy: scalars.endIndex)
        else { return nil }
        return String(scalars[lower..<upper])
    }
}

/// Slices one text many times without walking it from the start each time:
/// the scalars are indexed once (tidy exports slice every coding of a document).
public struct ScalarSlicer: Sendable {
    private let scalars: [Unicode.Scalar]

    public init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// Number of Unicode scalars in the text.
    public var count: Int { scalars.count }

    /// The scalars in `[start, end)`, or nil when the range does not lie inside the text.
    public func slice(start: Int, end: Int) -> String? {
        guard start >= 0, start <= end, end <= scalars.count else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}
