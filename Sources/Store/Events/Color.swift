/// `#rrggbb` colours as REFI-QDA and the codebook use them.
public enum Color {
    public static func isValid(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 7 && u[0] == UInt8(ascii: "#") && u[1...].allSatisfy { Hex.nibble($0) != nil }
    }

    /// Accepts `#RGB`, `#RRGGBB` in either case; returns the canonical `#rrggbb`.
    public static func normalise(_ s: String) -> String? {
        var hex = s.lowercased()
        guard hex.hasPrefix("#") else { return nil }
        hex.removeFirst()
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        let candidate = "#" + hex
        return isValid(candidate) ? candidate : nil
    }
}
