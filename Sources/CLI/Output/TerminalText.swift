/// Text made safe to print on a terminal.
///
/// Control characters are shown as escapes instead of being sent to the
/// terminal: C0 (including newline and tab), DEL and C1, which carry cursor
/// movement, screen clearing and line breaks; the bidirectional embedding,
/// override and isolate controls and the direction marks, which reorder
/// what a reader sees (the "Trojan Source" characters); and the Unicode line
/// and paragraph separators. Newline, carriage return and tab read as `\n`,
/// `\r`, `\t`, the rest as `\u{1b}`; everything else is printed as it is.
enum TerminalText {
    static func escaped(_ text: String, keepingTabs: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0) && !(keepingTabs && $0 == "\t") }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar), !(keepingTabs && scalar == "\t") else {
                out.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
            default: out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            }
        }
        return String(out)
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1
        case 0x061C, 0x200E, 0x200F: return true  // arabic letter mark, left-to-right and right-to-left marks
        case 0x202A...0x202E, 0x2066...0x2069: return true  // embeddings, overrides, isolates
        case 0x2028, 0x2029: return true  // line and paragraph separators
        default: return false
        }
    }
}
