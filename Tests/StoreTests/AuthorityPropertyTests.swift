import Foundation
import GRDB
import Testing
import Project
@testable import Store
import AccordTesting

/// Forks, removals, demotions, key rotations and backdated events, made by
/// replicas that work offline and sync now and then: whatever the order in
/// which the union of their events arrives, every replica computes one state
/// (events/README §11–12). Each seed is a different random project;
/// `ACCORD_PROPERTY_SEEDS=N` runs N of them (`scripts/soak-authority.sh`
/// runs hundreds), `ACCORD_PROPERTY_SEED=S` replays the one a failure names.
@Suite struct AuthorityPropertyTests {
    static let seeds: [UInt64] = {
        let environment = ProcessInfo.processInfo.environment
        if let one = environment["ACCORD_PROPERTY_SEED"].flatMap(UInt64.init) { return [one] }
        let count = Int(environment["ACCORD_PROPERTY_SEEDS"] ?? "") ?? 4
        return (0..<UInt64(max(1, count))).map { 1000 + $0 }
    }()

    struct Actor {
        var name: String
        var key: SigningKey
    }

    static func events(_ store: Store) throws -> [Event] {
        try StoreFile.read(store) { db in
            try Data.fetchAll(db, sql: "SELECT bytes FROM events ORDER BY rowid").map { try Event(stored: [UInt8]($0)) }
        }
    }

    static func copy(_ from: Store, into to: Store) throws {
        _ = try to.receive(try events(from).map(\.bytes))
    }

    /// A project worked on by five replicas (the founder's and four more) that each hold every key (so a
    /// key used on two of them between syncs forks), with random actions
    /// and random pairwise syncs. Actions the acting replica refuses are
    /// skipped, as a user would see them refused.
    static func randomHistory(seed: UInt64) throws -> (events: [Event], replicas: [Store]) {
        var rng = SeededRandom(seed: seed)
        let p = try TestProject()
        let mara = SigningKey(seed: "prop-mara-\(seed)")
        try p.replica.addMember(name: "mara", key: mara.publicHex, role: .lead, by: p.lead)
        let replicas = try (0..<4).map { _ in try temporaryStore() }
        for r in replicas { try copy(p.store, into: r) }
        var actors = [Actor(name: "lena", key: p.lead), Actor(name: "mara", key: mara),
                      Actor(name: "alice", key: p.alice), Actor(name: "bob", key: p.bob)]
        let length = TestProject.text.unicodeScalars.count
        let codes = ["values/helpfulness", "values/honesty"]
        var rotations = 0
        for _ in 0..<60 {
            let store = replicas.randomElement(using: &rng)!
            let replica = Replica(store: store)
            let actor = actors.randomElement(using: &rng)!
            let other = actors.randomElement(using: &rng)!
            do {
                switch Int.random(in: 0..<20, using: &rng) {
                case 0..<8:
                    let s = Int.random(in: 0..<(length - 2), using: &rng)
                    _ = try replica.apply(code: codes.randomElement(using: &rng)!, document: "northwind",
                                          at: .span(s, Int.random(in: (s + 1)...length, using: &rng)), by: actor.key)
                case 8:
                    let mine = try store.read { view in try view.codings(catalog: view.catalog(), authors: [actor.key.publicHex]) }
                    if let coding = mine.randomElement(using: &rng) { _ = try replica.unapply(coding: coding.id, by: actor.key) }
                case 9: _ = try replica.markDone("northwind", by: actor.key)
                case 10: _ = try replica.removeMember(other.name, by: actor.key)
                case 11: _ = try replica.changeMember(other.name, newName: nil, role: [.coder, .lead].randomElement(using: &rng)!, by: actor.key)
                case 12:
                    rotations += 1
                    let fresh = SigningKey(seed: "prop-\(seed)-\(other.name)-\(rotations)")
                    _ = try replica.changeMember(other.name, newName: nil, role: nil, keys: [fresh.publicHex], by: actor.key)
                    // Only the replica that rotated knows the new key at first.
                    actors.append(Actor(name: other.name, key: fresh))
                case 13: _ = try replica.changeCode(codes.randomElement(using: &rng)!, description: "said by \(actor.name) \(seed)", by: actor.key)
                case 14:
                    let name = "member\(Int.random(in: 0..<3, using: &rng))"
                    let key = SigningKey(seed: "prop-\(seed)-\(name)")
                    _ = try replica.addMember(name: name, key: key.publicHex, role: [.coder, .lead].randomElement(using: &rng)!, by: actor.key)
                    actors.append(Actor(name: name, key: key))
                default:
                    let to = replicas.randomElement(using: &rng)!
                    try copy(store, into: to)
                }
            } catch {
                continue
            }
        }
        var all: [String: Event] = [:]
        for store in [p.store] + replicas { for e in try events(store) { all[e.id] = e } }
        return (all.values.sorted { $0.id < $1.id }, [p.store] + replicas)
    }

    static func randomCausalOrder(_ events: [Event], _ rng: inout SeededRandom) -> [Event] {
        var placed = Set<String>()
        var remaining = events
        var order: [Event] = []
        while !remaining.isEmpty {
            let ready = remaining.indices.filter { remaining[$0].parents.allSatisfy(placed.contains) }
            let event = remaining.remove(at: ready.randomElement(using: &rng)!)
            placed.insert(event.id)
            order.append(event)
        }
        return order
    }

    @Test(arguments: seeds)
    func everyOrderOfTheSameEventsGivesOneState(seed: UInt64) throws {
        let (events, replicas) = try Self.randomHistory(seed: seed)
        var rng = SeededRandom(seed: seed &* 7919)
        var digests: [String: String] = [:]
        // The five replicas, each completed by a full sync from its own
        // partial history.
        for (i, replica) in replicas.enumerated() {
            _ = try replica.receive(Self.randomCausalOrder(events, &rng).map(\.bytes))
            digests["replica \(i) after a full sync"] = try replica.stateDigest()
        }
        for round in 0..<4 {
            let store = try temporaryStore()
            let order = Self.randomCausalOrder(events, &rng)
            var outcomes: [ReceiveOutcome] = []
            switch round {
            case 0: outcomes = try store.receive(order.map(\.bytes))
            case 1: for e in order { outcomes += try store.receive([e.bytes]) }
            default:
                var rest = order[...]
                while !rest.isEmpty {
                    let n = Int.random(in: 1...7, using: &rng)
                    outcomes += try store.receive(rest.prefix(n).map(\.bytes))
                    rest = rest.dropFirst(n)
                }
            }
            let refused = zip(order, outcomes).filter { !$0.1.isAccepted }
            #expect(refused.isEmpty, "seed \(seed) round \(round): \(refused.map { "\($0.0.type) \($0.1)" })")
            digests["round \(round)"] = try store.stateDigest()
            if round == 0, ProcessInfo.processInfo.environment["ACCORD_PROPERTY_REPORT"] != nil {
                print("seed \(seed): \(events.count) events, \(try store.forks().count) forks, \(try store.voided().count) voided, \(try store.conflicts().count) conflicts")
            }
            try store.rebuild()
            digests["round \(round) rebuilt"] = try store.stateDigest()
        }
        #expect(Set(digests.values).count == 1, "seed \(seed) (\(events.count) events): \(digests)")
    }
}
