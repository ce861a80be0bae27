import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// Issue 4, "Reliability tests": five replicas in one process, a seeded
/// random schedule of local edits and pairwise syncs (some cut short after
/// one page); after a final round every replica holds the same events and
/// the same `state_digest`.
@Suite struct ConvergenceTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]

    struct Replica {
        let name: String
        let store: Store
        let key: SigningKey
        let isLead: Bool
        var codings: [String] = []
    }

    @Test(arguments: seeds)
    func fiveReplicasConverge(seed: UInt64) async throws {
        var rng = SeededRandom(seed: seed &* 0x9E37_79B9)
        let p = try TestProject()
        let lee = SigningKey(seed: "sync-convergence-lee")
        let carol = SigningKey(seed: "sync-convergence-carol")
        try p.replica.addMember(name: "lee", key: lee.publicHex, role: .lead, by: p.lead)
        try p.replica.addMember(name: "carol", key: carol.publicHex, role: .coder, by: p.lead)
        try p.replica.addDocument(data: Data("A second report.\n\nIt names privacy and fairness as its values.\n".utf8),
                                title: "lumen", by: p.lead)

        let initial = try p.eventCount()
        try await withServer(p.store) { s0 in
            var replicas = [Replica(name: "lena", store: p.store, key: p.lead, isLead: true)]
            for (name, key, lead) in [("alice", p.alice, false), ("bob", p.bob, false), ("lee", lee, true), ("carol", carol, false)] {
                replicas.append(Replica(name: name, store: try await replica(of: s0, key: key), key: key, isLead: lead))
            }
            try await withServers(replicas.dropFirst().map(\.store)) { others in
                let urls = [s0.url] + others.map(\.url)
                let project = p.project
                var log: [String] = []
                var conflictStep = Int.random(in: 5..<50, using: &rng)

                for step in 0..<75 {
                    if step == conflictStep {
                        // lena and lee rename the same code, neither having seen the other's rename.
                        try Project.Replica(store: replicas[0].store).changeCode(p.honesty, newName: "honesty-by-lena", by: p.lead)
                        try Project.Replica(store: replicas[3].store).changeCode(p.honesty, newName: "honesty-by-lee", by: lee)
                        log.append("\(step): concurrent rename")
                        conflictStep = -1
                        continue
                    }
                    if Int.random(in: 0..<100, using: &rng) < 55 {
                        let i = Int.random(in: 0..<replicas.count, using: &rng)
                        let what = try edit(&replicas[i], step: step, seed: seed, rng: &rng)
                        log.append("\(step): \(replicas[i].name) \(what)")
                    } else {
                        let i = Int.random(in: 0..<replicas.count, using: &rng)
                        var j = Int.random(in: 0..<(replicas.count - 1), using: &rng)
                        if j >= i { j += 1 }
                        let store = replicas[i].store, key = replicas[i].key
                        if Int.random(in: 0..<4, using: &rng) == 0 {
                            // Cut short: only the first small page of a pull arrives.
                            let page = try await SyncClient(base: urls[j], key: key)
                                .sync(SyncRequest(project: project, have: try store.authorHeads(), maxBytes: 1500))
                            let outcomes = try store.receive(page.events)
                            #expect(outcomes.allSatisfy { $0 == .accepted || $0 == .duplicate },
                                    "seed \(seed) step \(step): a first page is receivable: \(outcomes)")
                            log.append("\(step): \(replicas[i].name) ← \(replicas[j].name) one page (\(page.events.count), more \(page.more))")
                        } else {
                            let pageBytes = [1500, 16 * 1024, 4 << 20].randomElement(using: &rng)!
                            let s = try await sync(store, with: urls[j], as: key, pageBytes: pageBytes)
                            log.append("\(step): \(replicas[i].name) ⇄ \(replicas[j].name) pulled \(s.pulled) pushed \(s.pushed)")
                        }
                    }
                }

                // Final round: everyone with lena's replica, twice.
                for _ in 0..<2 {
                    for i in 1..<replicas.count {
                        try await sync(replicas[i].store, with: urls[0], as: replicas[i].key)
                    }
                }

                let states = try replicas.map { try ReplicaState($0.store) }
                let reference = states[0]
                for (replica, state) in zip(replicas, states) {
                    #expect(state == reference, "seed \(seed): \(replica.name) has \(state), lena has \(reference)\n\(log.joined(separator: "\n"))")
                    try expectSoundLog(replica.store, "seed \(seed) \(replica.name)")
                }
                let conflicts = try replicas.map { try conflictSummary($0.store) }
                #expect(conflicts.allSatisfy { $0 == conflicts[0] }, "seed \(seed): every replica lists the same conflicts")
                #expect(conflicts[0].contains { $0.hasPrefix("codebook \(p.honesty) name") },
                        "seed \(seed): the concurrent rename is a conflict: \(conflicts[0])")
                #expect(reference.events - initial >= 40, "seed \(seed): the schedule did some work (\(reference.events - initial) events)")
            }
        }
    }

    /// One random local action by the replica's member; returns what it did.
    func edit(_ r: inout Replica, step: Int, seed: UInt64, rng: inout SeededRandom) throws -> String {
        let catalog = try r.store.catalog()
        let codes = catalog.codes.filter { !$0.retired && $0.mergedInto == nil }
        let documents = catalog.documents.filter { !$0.retired }
        let roll = Int.random(in: 0..<100, using: &rng)
        if r.isLead, roll < 12 {
            let e = try Project.Replica(store: r.store).defineCode(CodeDefinition(name: "c\(seed)-\(step)-\(r.name)", parent: codes.randomElement(using: &rng)?.path),
                                           by: r.key)
            return "defines \(e.id.prefix(8))"
        }
        if r.isLead, roll < 22, let code = codes.randomElement(using: &rng) {
            try Project.Replica(store: r.store).changeCode(code.id, description: "said at step \(step) by \(r.name)", by: r.key)
            return "describes \(code.path)"
        }
        if r.isLead, roll < 25, documents.count > 1, let doc = documents.first(where: { $0.title == "lumen" }) {
            try Project.Replica(store: r.store).retireDocument(doc.id, by: r.key)
            return "retires lumen"
        }
        if roll < 40, !r.codings.isEmpty {
            let id = r.codings.remove(at: Int.random(in: 0..<r.codings.count, using: &rng))
            try Project.Replica(store: r.store).unapply(coding: id, by: r.key)
            return "unapplies \(id.prefix(8))"
        }
        guard let doc = documents.randomElement(using: &rng), let code = codes.randomElement(using: &rng) else { return "nothing" }
        if roll < 50 {
            try Project.Replica(store: r.store).markDone(doc.id, by: r.key)
            return "done \(doc.title)"
        }
        var made: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let start = Int.random(in: 0..<(doc.length - 1), using: &rng)
            let end = Int.random(in: (start + 1)...min(doc.length, start + 40), using: &rng)
            let e = try Project.Replica(store: r.store).apply(code: code.id, document: doc.id, at: .span(start, end), by: r.key)
            r.codings.append(e.id)
            made.append(String(e.id.prefix(8)))
        }
        return "codes \(made.joined(separator: ","))"
    }

    /// Conflicts as comparable text: kind, thing, field and the sides' ids.
    func conflictSummary(_ store: Store) throws -> [String] {
        try store.conflicts().map { "\($0.kind.rawValue) \($0.thing) \($0.field) \($0.sides.map(\.id).sorted().joined(separator: ","))" }.sorted()
    }
}
