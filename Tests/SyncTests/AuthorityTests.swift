import AccordTesting
import Foundation
import Testing
import Project
@testable import Store
@testable import Sync

/// Removal, demotion and key rotation take authority away on every replica
/// alike, whatever the writer put in `deps` and whichever relay carries it
/// (events/README §7, §12), through `accord serve`.
@Suite struct AuthorityTests {
    /// The founder removes mara while mara, offline, removes bob and
    /// appoints nina, who codes. Mara cannot touch the founder (refused on
    /// her own replica); after every replica syncs, the founder's cut voids
    /// what mara did without seeing it, and nina's standing with it.
    @Test func aLeadRemovedWhileActingOfflineLosesWhatTheRemovalDidNotSee() async throws {
        let p = try TestProject()
        let mara = SigningKey(seed: "authority-tests-mara"), nina = SigningKey(seed: "authority-tests-nina")
        try p.replica.addMember(name: "mara", key: mara.publicHex, role: .lead, by: p.lead)
        try await withServer(p.store) { server in
            let laptop = try await replica(of: server, key: mara)
            let refused = #expect(throws: AccordError.self) { try Replica(store: laptop).removeMember("lena", by: mara) }
            #expect(refused?.code == "forbidden")
            let bobRemoved = try Replica(store: laptop).removeMember("bob", by: mara)
            let ninaAdded = try Replica(store: laptop).addMember(name: "nina", key: nina.publicHex, role: .lead, by: mara)
            let ninaCoded = try Replica(store: laptop).apply(code: "values/honesty", document: "northwind", at: .span(0, 5), by: nina)
            let cut = try p.replica.removeMember("mara", by: p.lead)

            // Mara's laptop reaches the hub through a member's relay (her key no longer syncs).
            let relayed = try await SyncClient(base: server.url, key: p.alice).push(try ForkTests.events(laptop, by: mara) + ForkTests.events(laptop, by: nina))
            #expect(relayed.allSatisfy { $0.status == "accepted" }, "\(relayed.map(\.status))")
            let other = try await replica(of: server, key: p.bob)
            for store in [p.store, other] {
                #expect(Set(try store.voided().map(\.id)) == [bobRemoved.id, ninaAdded.id, ninaCoded.id])
                #expect(try store.voided().first { $0.id == bobRemoved.id }?.cause == cut.id)
                let members = try store.catalog().members.filter { !$0.removed }.map(\.name)
                #expect(members.contains("bob") && !members.contains("mara") && !members.contains("nina"))
            }
            #expect(try ReplicaState(other) == (try ReplicaState(p.store)))
            #expect(try await RawHTTP.signed(server.url, "POST", SyncWire.syncPath, body: syncBody(project: p.project), key: nina).status == 403)
        }
    }

    /// Lena removes bob on the hub while mara, on her laptop, makes bob a
    /// lead and bob defines a code there. After both sync, every replica
    /// agrees: the removal stands, and what bob did that it never saw has no
    /// effect.
    @Test func aRemovalConcurrentWithARoleChangeStandsEverywhere() async throws {
        let p = try TestProject()
        let mara = SigningKey(seed: "authority-tests-mara")
        try p.replica.addMember(name: "mara", key: mara.publicHex, role: .lead, by: p.lead)
        try await withServer(p.store) { server in
            let laptop = try await replica(of: server, key: mara)
            try Replica(store: laptop).changeMember("bob", newName: nil, role: .lead, by: mara)
            let code = try Replica(store: laptop).defineCode(CodeDefinition(name: "sycophancy"), by: p.bob)
            let removal = try p.replica.removeMember("bob", by: p.lead)
            try await sync(laptop, with: server.url, as: mara)
            #expect(try ReplicaState(laptop) == (try ReplicaState(p.store)))
            for store in [p.store, laptop] {
                #expect(try store.catalog().members.first { $0.name == "bob" }?.removed == true)
                #expect(try store.voided().first { $0.id == code.id }?.cause == removal.id)
                #expect(try !store.catalog().codes.contains { $0.name == "sycophancy" })
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
}
