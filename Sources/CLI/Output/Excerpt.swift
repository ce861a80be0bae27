/// Long text (a memo, a unit of a document) shortened for one table cell:
/// white space runs, newlines included, become one space, ends are trimmed,
/// and text past `limit` characters ends in `…`. JSON always carries the whole text.
enum Excerpt {
    static func line(_ text: String, limit: Int = 200) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        let joined = words.joined(separator: " ")
        guard joined.count > limit else { return joined }
        return String(joined.prefix(limit - 1)) + "…"
    }
}
