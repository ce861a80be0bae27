import Foundation
import XMLCoder

/// Encodes the writer's elements with XMLCoder: UTF-8, two-space indentation,
/// line ends and tabs in attribute values kept as character references (an XML
/// parser would otherwise turn them into spaces).
enum REFIXML {
    static func encode<T: Encodable>(_ value: T, root: String) throws(InteropError) -> Data {
        let encoder = XMLEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        encoder.prettyPrintIndentation = .spaces(2)
        encoder.charactersEscapedInAttributes += [("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;")]
        encoder.charactersEscapedInElements += [("\r", "&#13;")]
        do {
            var data = try encoder.encode(value, withRootKey: root, header: XMLHeader(version: 1.0, encoding: "utf-8"))
            data.append(0x0A)
            return data
        } catch {
            throw .io("cannot encode \(root) as XML: \(error)")
        }
    }

    /// `s` with the characters XML 1.0 cannot carry (C0 controls other than
    /// tab, LF and CR; U+FFFE, U+FFFF) replaced by U+FFFD, so that the output
    /// always parses.
    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { !allowed($0) }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars { out.append(allowed(scalar) ? scalar : "\u{FFFD}") }
        return String(out)
    }

    static func clean(_ s: String?) -> String? { s.map { clean($0) } }

    private static func allowed(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x9, 0xA, 0xD: return true
        case 0x0..<0x20: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }
}
