import Foundation
import GRDB
import Testing
import Project
@testable import Store
import AccordTesting

/// Projections are folds of the event *set*: every causal order of the same
/// events gives the same `state_digest` (DESIGN §4).
@Suite struct CommutativityTests {
    func freshStore() throws -> Store { try temporaryStore() }

    func allEvents(_ store: Store) throws -> [Event] {
        try store.database.read { db in try Data.fetchAll(db, sql: "SELECT bytes FROM events ORDER BY rowid").map { [UInt8]($0) }.map { try Event(bytes: $0) } }
    }

    /// Copies every event `from` holds that `to` lacks.
    func sync(_ from: Store, _ to: Store) throws {
        let outcomes = try to.receive(try allEvents(from).map(\.bytes))
        #expect(outcomes.allSatisfy { $0 == .accepted || $0 == .duplicate })
    }

    /// Four replicas work offline on the same project: codings, removals,
    /// done markers, concurrent codebook edits by two leads (a conflict), a
    /// merge and a member change; the union of their events is the set.
    func divergentHistory() throws -> [Event] {
        let p = try TestProject()
        let mara = SigningKey(seed: "test-mara")
        try p.replica.addMember(name: "mara", key: mara.publicHex, role: .lead, by: p.lead)
        try p.replica.defineCode(CodeDefinition(name: "data"), by: p.lead)
        try p.replica.defineCode(CodeDefinition(name: "synthetic", parent: "data"), by: p.lead)
        let replicas = try (0..<3).map { _ in try freshStore() }
        for r in replicas { try sync(p.store, r) }
        let (a, b, m) = (replicas[0], replicas[1], replicas[2])

        var rng = SeededRandom(seed: 7)
        let length = TestProject.text.unicodeScalars.count
        for (store, key) in [(a, p.alice), (b, p.bob)] {
            var mine: [String] = []
            for _ in 0..<12 {
                let s = Int.random(in: 0..<(length - 2), using: &rng)
                let e = Int.random(in: (s + 1)...length, using: &rng)
                let code = ["values/helpfulness", "values/honesty", "data/synthetic"].randomElement(using: &rng)!
                mine.append(try Replica(store: store).apply(code: code, document: "northwind", at: .span(s, e), by: key).id)
            }
            try Replica(store: store).unapply(coding: mine[3], by: key)
            try Replica(store: store).markDone("northwind", by: key)
        }
        try p.replica.changeCode("values/honesty", newName: "truthfulness", by: p.lead)
        try Replica(store: m).changeCode("values/honesty", newName: "candour", description: "said by mara", by: mara)
        try Replica(store: m).mergeCode("data/synthetic", into: "values/helpfulness", by: mara)
        try p.replica.changeMember("bob", newName: nil, role: .lead, by: p.lead)
        try sync(a, b)
        try Replica(store: b).apply(code: "values/helpfulness", document: "northwind", at: .span(0, 5), by: p.bob)

        var all: [String: Event] = [:]
        for store in [p.store] + replicas { for e in try allEvents(store) { all[e.id] = e } }
        return Array(all.values).sorted { $0.id < $1.id }
    }

    /// A random order in which every event follows its prev and deps.
    func randomCausalOrder(_ events: [Event], _ rng: inout SeededRandom) -> [Event] {
        var placed = Set<String>()
        var remaining = events
        var order: [Event] = []
        while !remaining.isEmpty {
            let ready = remaining.indices.filter { remaining[$0].parents.allSatisfy(placed.contains) }
            let pick = ready.randomElement(using: &rng)!
            let event = remaining.remove(at: pick)
            placed.insert(event.id)
            order.append(event)
        }
        return order
    }

    @Test func everyCausalOrderGivesTheSameState() throws {
        let events = try divergentHistory()
        var rng = SeededRandom(seed: 2026)
        var digests = Set<String>()
        var conflicts = 0
        for round in 0..<12 {
            let store = try freshStore()
            let order = randomCausalOrder(events, &rng)
            // Alternate one-by-one and batched arrival.
            if round % 2 == 0 {
                for e in order { #expect(try store.receive([e.bytes])[0] == .accepted) }
            } else {
                #expect(try store.receive(order.map(\.bytes)).allSatisfy { $0 == .accepted })
            }
            digests.insert(try store.stateDigest())
            let catalog = try store.catalog()
            let honesty = catalog.codes.first { $0.description == "said by mara" || $0.name == "truthfulness" || $0.name == "candour" }
            #expect(honesty != nil)
            conflicts += try store.database.read { db in
                try Register.live(db, thing: honesty!.id, field: "name").count > 1 ? 1 : 0
            }
            try store.rebuild()
            digests.insert(try store.stateDigest())
        }
        #expect(digests.count == 1)
        #expect(conflicts == 12, "the concurrent renames stay a visible conflict in every order")
    }
}
