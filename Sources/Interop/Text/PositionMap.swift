import Foundation

/// Maps positions an exporter wrote into a raw text onto offsets in that
/// text's normalised form (`NormalisedText`: no BOM, LF line ends, NFC,
/// counted in Unicode scalars).
///
/// The mapping goes through two steps, each exact:
/// 1. raw → LF text: every raw piece (a scalar, or a `\r\n` pair) is worth as
///    many exporter units as the `PositionConvention` says and becomes one LF
///    scalar. A leading BOM is dropped and counts nothing.
/// 2. LF text → NFC: text is composed one extended grapheme cluster at a time.
///    Canonical composition never crosses a cluster boundary (combining marks,
///    Hangul jamo and the two-starter compositions all extend the cluster), so
///    the clusters' NFC forms concatenate to the NFC of the whole text.
///
/// A position that falls inside something the normalisation fuses (between
/// `\r` and `\n` counted as two, between a base letter and a combining mark
/// that composes into it, in the middle of a surrogate pair) is rounded
/// outwards: a start down to the beginning of the fused piece, an end up to
/// its end, so a selection never loses a character it touched.
public struct PositionMap: Sendable {
    /// The normalised text, exactly `NormalisedText.normalise(raw)`.
    public let text: String
    /// Exporter units in the raw text: the largest position that lies inside it.
    public let rawLength: Int
    /// Unicode scalars in `text`.
    public let length: Int
    public let convention: PositionConvention

    // Exporter unit offset → LF offset (floor, ceil); nil when the step is the identity.
    private let unitFloor: [Int32]?
    private let unitCeil: [Int32]?
    // LF offset → NFC offset (floor, ceil); nil when the text was already NFC.
    private let lfFloor: [Int32]?
    private let lfCeil: [Int32]?

    public init(raw: String, convention: PositionConvention) {
        self.convention = convention
        var scalars = Array(raw.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }

        // Step 1: raw pieces → LF scalars, with their worth in exporter units.
        var lf = String.UnicodeScalarView()
        var lfCount: Int32 = 0  // lf.count walks the view; this does not
        var floor1: [Int32] = [0]
        var ceil1: [Int32] = [0]
        var identity1 = true
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            let units: Int
            if s == "\r" {
                let pair = i + 1 < scalars.count && scalars[i + 1] == "\n"
                units = pair && convention.lineBreaks == .crlfAsTwo ? 2 : 1
                i += pair ? 2 : 1
                lf.append("\n")
                lfCount += 1
            } else {
                units = convention.unit == .utf16CodeUnit && s.value > 0xFFFF ? 2 : 1
                i += 1
                lf.append(s)
                lfCount += 1
            }
            if units != 1 { identity1 = false }
            let before = lfCount - 1
            for _ in 1..<units {
                floor1.append(before)
                ceil1.append(before + 1)
            }
            floor1.append(before + 1)
            ceil1.append(before + 1)
        }
        rawLength = floor1.count - 1
        unitFloor = identity1 ? nil : floor1
        unitCeil = identity1 ? nil : ceil1

        // Step 2: LF text → NFC, one grapheme cluster at a time.
        let lfText = String(lf)
        let nfc = lfText.precomposedStringWithCanonicalMapping
        text = nfc
        length = nfc.unicodeScalars.count
        if nfc.unicodeScalars.elementsEqual(lfText.unicodeScalars) {
            lfFloor = nil
            lfCeil = nil
        } else {
            var floor2: [Int32] = [0]
            var ceil2: [Int32] = [0]
            floor2.reserveCapacity(Int(lfCount) + 1)
            ceil2.reserveCapacity(Int(lfCount) + 1)
            var out: Int32 = 0
            for cluster in lfText {
                let before = cluster.unicodeScalars
                let composed = String(cluster).precomposedStringWithCanonicalMapping.unicodeScalars
                let inCount = before.count
                let outCount = composed.count
                if composed.elementsEqual(before) {
                    for k in 1...inCount {
                        floor2.append(out + Int32(k))
                        ceil2.append(out + Int32(k))
                    }
                } else {
                    for _ in 1..<max(inCount, 1) {
                        floor2.append(out)
                        ceil2.append(out + Int32(outCount))
                    }
                    floor2.append(out + Int32(outCount))
                    ceil2.append(out + Int32(outCount))
                }
                out += Int32(outCount)
            }
            let limit = Int32(length)
            lfFloor = floor2.map { min($0, limit) }
            lfCeil = ceil2.map { min($0, limit) }
        }
    }

    /// Whether `position` lies inside the raw text (0...rawLength).
    public func contains(_ position: Int) -> Bool { position >= 0 && position <= rawLength }

    /// The normalised offset of a selection's start (rounded down inside a fused piece),
    /// or nil when the position lies outside the text.
    public func start(_ position: Int) -> Int? { map(position, roundUp: false) }

    /// The normalised offset of a selection's end (rounded up inside a fused piece),
    /// or nil when the position lies outside the text.
    public func end(_ position: Int) -> Int? { map(position, roundUp: true) }

    private func map(_ position: Int, roundUp: Bool) -> Int? {
        guard contains(position) else { return nil }
        var lfOffset = position
        if let unitFloor, let unitCeil {
            lfOffset = Int(roundUp ? unitCeil[position] : unitFloor[position])
        }
        if let lfFloor, let lfCeil {
            return Int(roundUp ? lfCeil[lfOffset] : lfFloor[lfOffset])
        }
        return lfOffset
    }
}
