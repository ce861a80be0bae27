import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// One key writing on two replicas between syncs (a project folder copied to
/// a second laptop, a restored backup, or malice) forks that key's chain. A
/// fork is evidence, not a partition: every replica that syncs ends up
/// holding both sides, the same state, and a listing of the fork
/// (events/README §11.3).
@Suite struct ForkTests {
    static func aliceCodings(_ store: Store, _ p: TestProject) throws -> Set<String> {
        Set(try store.read { view in try view.codings(catalog: view.catalog(), authors: [p.alice.publicHex]) }.map(\.id))
    }

    @Test func aCopiedReplicaThatKeptCodingConvergesWithBothSides() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let laptop = try await replica(of: server, key: p.alice)
            let copy = try await replica(of: server, key: p.alice)
            var made: [String] = []
            for i in 0..<3 { made.append(try Replica(store: laptop).apply(code: "values/helpfulness", document: "northwind", at: .span(i, i + 5), by: p.alice).id) }
            for i in 0..<2 { made.append(try Replica(store: copy).apply(code: "values/honesty", document: "northwind", at: .span(i + 10, i + 20), by: p.alice).id) }

            try await sync(laptop, with: server.url, as: p.alice)
            try await sync(copy, with: server.url, as: p.alice)
            try await sync(laptop, with: server.url, as: p.alice)

            let hub = try ReplicaState(p.store)
            #expect(try ReplicaState(laptop) == hub)
            #expect(try ReplicaState(copy) == hub)
            for store in [p.store, laptop, copy] {
                #expect(try Self.aliceCodings(store, p) == Set(made), "both sides stand")
                let forks = try store.forks()
                #expect(forks.count == 2 && forks.allSatisfy { $0.author == p.alice.publicHex && $0.open && $0.ids.count == 2 })
                try expectSoundLog(store)
            }

            // Her next event on either laptop names both tips: the fork heals everywhere.
            _ = try Replica(store: copy).apply(code: "values/helpfulness", document: "northwind", at: .span(30, 33), by: p.alice)
            try await sync(copy, with: server.url, as: p.alice)
            try await sync(laptop, with: server.url, as: p.alice)
            for store in [p.store, laptop, copy] { #expect(try store.forks().allSatisfy { !$0.open }) }
            #expect(try ReplicaState(laptop) == (try ReplicaState(p.store)))
        }
    }

    /// The two sides sit at the author's newest seq on both replicas: the
    /// version vectors agree, only the heads digests tell them apart.
    @Test func aForkAtTheNewestSeqIsExchangedBothWays() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let r1 = try await replica(of: server, key: p.alice)
            let r2 = try await replica(of: server, key: p.alice)
            let a = try Replica(store: r1).apply(code: "values/helpfulness", document: "northwind", at: .span(0, 6), by: p.alice)
            let b = try Replica(store: r2).apply(code: "values/honesty", document: "northwind", at: .span(4, 12), by: p.alice)
            try await sync(r1, with: server.url, as: p.alice)
            let summary = try await sync(r2, with: server.url, as: p.alice)
            #expect(summary.pushed == 1 && summary.pulled == 1)
            try await sync(r1, with: server.url, as: p.alice)
            for store in [p.store, r1, r2] {
                #expect(try store.holds(a.id) && store.holds(b.id))
                #expect(try store.forks().map(\.ids) == [[a.id, b.id].sorted()])
            }
            #expect(try ReplicaState(r1) == (try ReplicaState(r2)))
        }
    }

    /// The scenario that used to split a project for good: replica 1 holds
    /// one side of alice's fork, replica 2 the other; the lead on replica 1
    /// codes (his deps name side 1) and removes alice. Replica 2 gets side 1,
    /// then every lead event, and all replicas compute one state, where the
    /// removal voids the side it never saw.
    @Test func aLeadBuildingOnOneSideReachesTheReplicaHoldingTheOther() async throws {
        let p = try TestProject()
        try await withServer(p.store) { server in
            let r1 = try await replica(of: server, key: p.alice)
            let r2 = try await replica(of: server, key: p.alice)
            let lead = try await replica(of: server, key: p.lead)
            let a = try Replica(store: r1).apply(code: "values/helpfulness", document: "northwind", at: .span(0, 6), by: p.alice)
            let b = try Replica(store: r2).apply(code: "values/honesty", document: "northwind", at: .span(4, 12), by: p.alice)
            try await sync(r1, with: server.url, as: p.alice)
            try await sync(lead, with: server.url, as: p.lead)
            let coded = try Replica(store: lead).apply(code: "values/honesty", document: "northwind", at: .span(1, 2), by: p.lead)
            #expect(coded.deps.contains(a.id))
            let removal = try Replica(store: lead).removeMember("alice", by: p.lead)
            try await sync(lead, with: server.url, as: p.lead)

            // Replica 2 syncs as bob would (alice is no longer a member).
            try await sync(r2, with: server.url, as: p.bob)
            try await sync(r1, with: server.url, as: p.bob)
            try await sync(lead, with: server.url, as: p.lead)
            let hub = try ReplicaState(p.store)
            for store in [r1, r2, lead] {
                #expect(try ReplicaState(store) == hub)
                #expect(try store.holds(removal.id) && store.holds(b.id) && store.holds(coded.id))
                #expect(try store.voided().map(\.id) == [b.id], "the removal never saw side 2")
                #expect(try store.voided().first?.cause == removal.id)
                #expect(try Self.aliceCodings(store, p) == [a.id], "side 1, which the lead saw, stands")
            }
        }
    }

    /// A removed lead signs, with deps from before the removal, the addition
    /// of a new lead, who then tries to remove the founder (refused: only the
    /// founder acts on the founder) and removes bob. Every replica admits the
    /// appointment and bob's removal (they had authority in their own past)
    /// and voids them: the cut reaches mallory's backdated event, and evil's
    /// standing hangs on it. The hub keeps serving the lead and bob, and
    /// refuses evil.
    @Test func aBackdatedAppointmentByARemovedLeadTakesNothingOver() async throws {
        let p = try TestProject()
        let mallory = SigningKey(seed: "fork-tests-mallory"), evil = SigningKey(seed: "fork-tests-evil")
        try p.replica.addMember(name: "mallory", key: mallory.publicHex, role: .lead, by: p.lead)
        let before = try StoreFile.read(p.store) { db in try String.fetchAll(db, sql: "SELECT id FROM heads ORDER BY id") }
        let removal = try p.replica.removeMember("mallory", by: p.lead)
        let appoint = try p.craft(.memberAdded, ["name": "evil", "keys": [.string(evil.publicHex)], "role": "lead"], by: mallory,
                                  deps: before)
        let members = try p.store.catalog().members
        let coup = EventDraft(project: p.project, author: evil.publicHex, seq: 1, prev: nil, deps: [appoint.id],
                              time: Store.nowMicros() + 10, type: .memberRemoved,
                              body: ["member": .string(members.first { $0.name == "lena" }!.id)])
        let removeBob = EventDraft(project: p.project, author: evil.publicHex, seq: 1, prev: nil, deps: [appoint.id],
                                   time: Store.nowMicros() + 10, type: .memberRemoved,
                                   body: ["member": .string(members.first { $0.name == "bob" }!.id)])
        let coupBytes = coup.signedBytes(by: evil)
        try await withServer(p.store) { server in
            let pushed = try await SyncClient(base: server.url, key: p.alice).push([appoint.bytes, coupBytes, removeBob.signedBytes(by: evil)])
            #expect(pushed.map(\.status) == ["accepted", "rejected forbidden", "accepted"],
                    "admitted when the author had authority in its own causal past; only the founder acts on the founder")
            let coup = removeBob
            let voided = try p.store.voided()
            #expect(Set(voided.map(\.id)) == [appoint.id, coup.id])
            #expect(voided.first { $0.id == appoint.id }?.cause == removal.id)
            #expect(try p.store.catalog().members.contains { $0.name == "lena" && !$0.removed })
            #expect(try p.store.catalog().members.contains { $0.name == "bob" && !$0.removed })
            #expect(try !p.store.catalog().members.contains { $0.name == "evil" && !$0.removed })

            // The lead still syncs; evil cannot read the project.
            let r = try await replica(of: server, key: p.lead)
            #expect(try ReplicaState(r) == (try ReplicaState(p.store)))
            let refused = try await RawHTTP.signed(server.url, "POST", SyncWire.syncPath, body: syncBody(project: p.project), key: evil)
            #expect(refused.status == 403, "\(refused)")
        }
    }

    /// Removal and key rotation take authority away: bob, removed, and
    /// carol's replaced key sign codings whose deps point to before the
    /// change, relayed by a member. The hub admits them (they had authority
    /// in their own causal past) and they have no effect.
    @Test func backdatedCodingsOfARemovedCoderAndAReplacedKeyHaveNoEffect() async throws {
        let p = try TestProject()
        let carolOld = SigningKey(seed: "fork-tests-carol-old"), carolNew = SigningKey(seed: "fork-tests-carol-new")
        try p.replica.addMember(name: "carol", key: carolOld.publicHex, role: .coder, by: p.lead)
        let before = try StoreFile.read(p.store) { db in try String.fetchAll(db, sql: "SELECT id FROM heads ORDER BY id") }
        let body: JSONValue = ["document": .string(p.document), "code": .string(p.helpfulness), "start": 0, "end": 4]
        let bobs = try p.craft(.segmentCoded, body, by: p.bob, deps: before)
        let carols = try p.craft(.segmentCoded, body, by: carolOld, deps: before)
        try p.replica.removeMember("bob", by: p.lead)
        try p.replica.changeMember("carol", newName: nil, role: nil, keys: [carolNew.publicHex], by: p.lead)
        try await withServer(p.store) { server in
            let pushed = try await SyncClient(base: server.url, key: p.alice).push([bobs.bytes, carols.bytes])
            #expect(pushed.map(\.status) == ["accepted", "accepted"])
            #expect(Set(try p.store.voided().map(\.id)) == [bobs.id, carols.id])
            let live = try p.store.read { view in try view.codings(catalog: view.catalog()) }
            #expect(live.isEmpty, "neither backdated coding counts")
            let r = try await replica(of: server, key: p.alice)
            #expect(try ReplicaState(r) == (try ReplicaState(p.store)))
            #expect(try await RawHTTP.signed(server.url, "POST", SyncWire.syncPath, body: syncBody(project: p.project), key: p.bob).status == 403)
            #expect(try await RawHTTP.signed(server.url, "POST", SyncWire.syncPath, body: syncBody(project: p.project), key: carolOld).status == 403)
        }
    }

    /// Carol codes offline with her old key while a lead replaces it: those
    /// codings are voided everywhere; with her new key, one command enters
    /// them again, and running it twice adds nothing.
    @Test func codingsVoidedByAConcurrentKeyRotationAreRecoveredWithOneCommand() async throws {
        let p = try TestProject()
        let carolOld = SigningKey(seed: "fork-tests-carol-old"), carolNew = SigningKey(seed: "fork-tests-carol-new")
        try p.replica.addMember(name: "carol", key: carolOld.publicHex, role: .coder, by: p.lead)
        try await withServer(p.store) { server in
            let laptop = try await replica(of: server, key: carolOld)
            let offline = try (0..<3).map { i in
                try Replica(store: laptop).apply(code: "values/honesty", document: "northwind", at: .span(i, i + 4), by: carolOld).id
            }
            try p.replica.changeMember("carol", newName: nil, role: nil, keys: [carolNew.publicHex], by: p.lead)
            // Her old key may no longer sync; a member relays her laptop's events.
            _ = try await SyncClient(base: server.url, key: p.alice).push(try Self.events(laptop, by: carolOld))
            #expect(Set(try p.store.voided().map(\.id)) == Set(offline))

            let recovery = try Replica(store: p.store).recoverVoidedCodings(by: carolNew)
            #expect(recovery.recovered.map(\.from).sorted() == offline.sorted())
            let live = try p.store.read { view in try view.codings(catalog: view.catalog(), authors: [carolNew.publicHex]) }
            #expect(live.count == 3 && live.allSatisfy { $0.code == p.honesty })
            #expect(try Replica(store: p.store).recoverVoidedCodings(by: carolNew).recovered.isEmpty, "a second run adds nothing")
        }
    }

    static func events(_ store: Store, by key: SigningKey) throws -> [[UInt8]] {
        try store.allEventBytes().filter { (try? Event(bytes: $0))?.author == key.publicHex }
    }
}
