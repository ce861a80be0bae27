import Crypto
import Foundation

/// Document text as accord stores it: LF line endings, Unicode NFC, addressed
/// by the SHA-256 of its UTF-8 bytes, so that scalar offsets never drift.
public enum DocumentText {
    public static func normalise(_ raw: String) -> String {
        let lf = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return lf.precomposedStringWithCanonicalMapping
    }

    public static func isNormalised(_ text: String) -> Bool {
        !text.unicodeScalars.contains("\r")
            && text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    public static func sha256(_ text: String) -> String { sha256ID(text).hex }

    public static func sha256ID(_ text: String) -> EventID {
        EventID(bytes: SHA256.hash(data: Array(text.utf8)))!
    }
}
