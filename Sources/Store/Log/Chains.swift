import GRDB

/// The chains of the authors' events in one write transaction: where a new
/// event goes (events/README §11.4).
///
/// An event extends its `prev`'s chain when `prev` is that chain's last
/// event; otherwise (someone already built on `prev`, or the author already
/// has a seq 1) it starts a new chain: the author forked. Chains are local
/// bookkeeping for causal clocks, never part of an event or the state.
final class Chains {
    struct Head {
        var author: Int64
        var seq: Int64
        var id: String
    }

    let db: Database
    private var heads: [Int64: Head] = [:]
    private var byAuthor: [Int64: [Int64]] = [:]
    private var loadedAuthors: Set<Int64> = []
    private var nextChain: Int64
    private var authorIndexes: [AuthorID: Int64] = [:]

    init(db: Database) throws {
        self.db = db
        nextChain = (try Int64.fetchOne(db, sql: "SELECT max(idx) FROM chains") ?? 0) + 1
    }

    /// The replica's local index of an author key, made on first sight.
    func authorIndex(_ key: AuthorID) throws -> Int64 {
        if let known = authorIndexes[key] { return known }
        let idx = try EventLog.authorIndex(db, key: key.hex, create: true)!
        authorIndexes[key] = idx
        return idx
    }

    /// The chains of `author`, with their heads.
    func chains(of author: Int64) throws -> [Int64] {
        if !loadedAuthors.contains(author) {
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT idx, head_seq, head_id FROM chains WHERE author = ?"), arguments: [author]) {
                let idx: Int64 = row[0]
                if heads[idx] == nil {
                    heads[idx] = Head(author: author, seq: row[1], id: row[2])
                    byAuthor[author, default: []].append(idx)
                }
            }
            loadedAuthors.insert(author)
        }
        return byAuthor[author] ?? []
    }

    func head(_ chain: Int64) throws -> Head? {
        if let head = heads[chain] { return head }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT author, head_seq, head_id FROM chains WHERE idx = ?"), arguments: [chain]) else {
            return nil
        }
        let head = Head(author: row[0], seq: row[1], id: row[2])
        heads[chain] = head
        return head
    }

    /// The chain an event of `author` at `seq` goes on, its parent being at `parent`.
    func place(author: Int64, seq: Int64, after parent: EventPosition?) throws -> (chain: Int64, isNew: Bool) {
        if let parent {
            if let head = try head(parent.chain), head.seq == parent.seq { return (parent.chain, false) }
        } else if try chains(of: author).isEmpty {
            return (nextChain, true)
        }
        return (nextChain, true)
    }

    /// Records that an event went on `chain` (making the chain when it is new).
    func extend(_ chain: Int64, author: Int64, seq: Int64, id: String, isNew: Bool) {
        if isNew {
            _ = try? chains(of: author)
            byAuthor[author, default: []].append(chain)
            nextChain = max(nextChain, chain + 1)
        }
        heads[chain] = Head(author: author, seq: seq, id: id)
    }

    /// The author's tip to write after: the chain head with the greatest
    /// seq (the smallest id among equals, so the choice is the same on
    /// every replica holding the same events).
    func tip(of author: Int64) throws -> Head? {
        try chains(of: author).compactMap { heads[$0] }.min { ($1.seq, $0.id) < ($0.seq, $1.id) }
    }
}
