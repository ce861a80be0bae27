import AccordTesting
import Foundation
import Testing
@testable import Store
@testable import Sync

/// Issue 10, rows 7, 10 and 14: what a replica takes from a pushed body,
/// and a clone that is stopped half way.
@Suite struct ClientHardeningTests {
    // MARK: Row 7 — code names end where the spec says white space ends

    /// U+200B is white space to events/README §8 and the JSON Schema but
    /// not to Unicode's White_Space: a code named `"\u{200B}zw"` is
    /// refused, as a spec-following replica refuses it.
    @Test func aCodeNameStartingWithAZeroWidthSpaceIsRefused() async throws {
        let p = try TestProject()
        let before = try ReplicaState(p.store)
        try await withServer(p.store) { server in
            for name in ["\u{200B}zw", "zw\u{200B}", "\u{2009}thin", "nbsp\u{A0}"] {
                let event = try p.craft(.codeDefined, ["name": .string(name), "parent": nil, "description": "", "color": nil, "exclusive": false],
                                        by: p.lead).bytes
                let results = try pushResults(try await RawHTTP.signed(server.url, "POST", SyncWire.eventsPath, body: event + [10], key: p.lead))
                guard case .rejected(let error)? = results.first?.outcome else {
                    Issue.record("the code name \(name.unicodeScalars.map { String($0.value, radix: 16) }) was accepted")
                    continue
                }
                #expect(error.code == "bad_body", "\(error)")
            }
            // The same name without the space is a code like any other.
            let plain = try p.craft(.codeDefined, ["name": "zw", "parent": nil, "description": "", "color": nil, "exclusive": false], by: p.lead).bytes
            let results = try pushResults(try await RawHTTP.signed(server.url, "POST", SyncWire.eventsPath, body: plain + [10], key: p.lead))
            #expect(results.first?.outcome == .accepted)
        }
        #expect(try ReplicaState(p.store) != before)
    }

    // MARK: Also unchecked — public keys of small order

    /// A key of small order admits signatures forged without a secret:
    /// a lead cannot add one, in `member.added` or `member.changed`,
    /// whether it is pushed or appended here, in any of its encodings.
    @Test func aPublicKeyOfSmallOrderIsRefused() async throws {
        let p = try TestProject()
        let before = try ReplicaState(p.store)
        let smallOrder = ValueRules.smallOrderKeys.map(Hex.encode)
            + [Hex.encode([1] + [UInt8](repeating: 0, count: 30) + [0x80])]  // the identity with the sign bit set
        try await withServer(p.store) { server in
            for key in smallOrder {
                let event = try p.craft(.memberAdded, ["name": "mallory", "role": "coder", "keys": [.string(key)]], by: p.lead).bytes
                let results = try pushResults(try await RawHTTP.signed(server.url, "POST", SyncWire.eventsPath, body: event + [10], key: p.lead))
                guard case .rejected(let error)? = results.first?.outcome else {
                    Issue.record("the small-order key \(key) was accepted")
                    continue
                }
                #expect(error.code == "bad_body" && error.message.contains("small order"), "\(error)")
            }
        }
        #expect(try ReplicaState(p.store) == before)
        for key in smallOrder {
            let id = try #require(EventID(hex: key))
            #expect(throws: AccordError.self) {
                try p.store.append(Action(.memberAdded(MemberAdded(name: "mallory", role: .coder, keys: [id]))), by: p.lead)
            }
        }
        #expect(try ReplicaState(p.store) == before)
        // An ordinary key is still a key.
        #expect(!ValueRules.isSmallOrderKey(SigningKey(seed: "ordinary").authorID))
    }

    // MARK: Row 10 — a line ending in \r\n is not canonical

    /// Spec §2: lines end in `\n` alone. The same event with `\r\n` is
    /// refused (`not_canonical`) by a push and by a bundle, and nothing is stored.
    @Test func aLineEndingInCRLFIsRefused() async throws {
        let p = try TestProject()
        let other = try TestProject()
        let event = try p.craft(.segmentCoded, [
            "document": .string(p.document), "code": .string(p.helpfulness), "start": .int(0), "end": .int(5),
        ], by: p.alice).bytes
        #expect(JSONLines.split(event + Array("\r\n".utf8)) == [event + [UInt8(ascii: "\r")]])
        #expect(JSONLines.count(Array("a\r\n\r\nb\n\n".utf8), atMost: 10) == 3)

        let before = try ReplicaState(p.store)
        try await withServer(p.store) { server in
            let r = try await RawHTTP.signed(server.url, "POST", SyncWire.eventsPath, body: event + Array("\r\n".utf8), key: p.alice)
            let results = try pushResults(r)
            #expect(results.count == 1)
            guard case .rejected(let error)? = results.first?.outcome else {
                Issue.record("a CRLF line was \(String(describing: results.first?.outcome))")
                return
            }
            #expect(error.code == "not_canonical")
        }
        #expect(try ReplicaState(p.store) == before)

        // A bundle written with CRLF line ends: refused, nothing imported.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("accord-crlf-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let lines = try other.store.allEventBytes()
        try Data(lines.flatMap { $0 + Array("\r\n".utf8) }).write(to: file)
        let fresh = try temporaryStore()
        #expect(throws: AccordError.self) { try EventBundle.import(fresh, from: file) }
        #expect(try fresh.project() == nil)
    }

    // MARK: Row 14 — a clone stopped half way is resumed by `accord sync`

    /// The clone is stopped after its first pulled page (as a kill or a
    /// cut connection would stop it): the folder is kept, already knows
    /// `origin`, a second `clone` into it says to run `accord sync`, and
    /// an ordinary sync through `origin` finishes it.
    @Test func aStoppedCloneIsFinishedBySync() async throws {
        let p = try TestProject()
        try populate(p, codings: 150, seed: 14)
        var limits = ServerLimits()
        limits.maxPageBytes = 4096
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("accord-clone-\(UUID().uuidString)")
        let keyFile = root.deletingLastPathComponent().appendingPathComponent("accord-clone-key-\(UUID().uuidString)")
        try Keyring.writeKeyFile(p.bob, to: keyFile)
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: keyFile)
        }
        try await withServer(p.store, limits: limits) { server in
            let stopped = Task {
                try await Replicator.clone(from: server.url, into: root, keyFile: keyFile, as: "bob") { _, pulled in
                    if pulled > 0 { withUnsafeCurrentTask { $0?.cancel() } }
                }
            }
            do {
                _ = try await stopped.value
                Issue.record("the clone was not stopped")
            } catch let error as AccordError {
                #expect(error.code == "cancelled")
                #expect(error.message.contains("accord sync"), "\(error.message)")
            }

            let partial = try Store(directory: root.appendingPathComponent(Store.directoryName))
            let held = try partial.logFacts().events
            let total = try p.eventCount()
            #expect(held > 1 && held < total, "a prefix is held: \(held) of \(total)")
            let origin = try Remotes(store: partial).remote("origin")
            #expect(origin.url == server.url && origin.replica == server.replica)

            do {
                _ = try await Replicator.clone(from: server.url, into: root, keyFile: keyFile, as: "bob")
                Issue.record("a second clone into the folder was accepted")
            } catch let error as AccordError {
                #expect(error.code == "already_initialised" && error.message.contains("accord sync"), "\(error.message)")
            }

            let summary = try await Replicator(store: partial, client: try origin.client(key: try partial.keyring.key("bob"))).run()
            #expect(summary.pulled == total - held)
            try expectSoundLog(partial)
            #expect(try ReplicaState(partial) == (try ReplicaState(p.store)))
        }
    }
}
