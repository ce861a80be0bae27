import GRDB

extension Store {
    /// Remembers how far a remote holds each author's chain, as its last sync
    /// answer said. Appending as a key a remote holds further than this
    /// replica is refused (`sync_first`, events/README §5): a second laptop
    /// that learned of newer events of its own key must fetch them before it
    /// writes, or it would fork the key's history knowingly.
    public func noteRemoteHeads(_ remote: String, _ heads: [String: Int64]) throws(AccordError) {
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO remote_heads (remote, author, seq) VALUES (?, ?, ?)
                ON CONFLICT (remote, author) DO UPDATE SET seq = max(seq, excluded.seq)
                """)
            for (author, seq) in heads where seq > 0 {
                try statement.execute(arguments: [remote, author, seq])
            }
        }
    }
}
