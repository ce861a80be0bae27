import Foundation
import GRDB
import Testing
import Project
@testable import Store
import AccordTesting

/// A large received batch is checked on every core chunk by chunk while
/// its events are stored: each line is still judged on its own.
@Suite struct ReceivePipelineTests {
    @Test func badLinesInALargeBatchAreRefusedAloneInTheirPlaces() throws {
        let p = try TestProject()
        try p.store.append(try (0..<600).map { try CodingRowsTests.coding(p, $0) }, by: p.alice)
        var log: [[UInt8]] = try StoreFile.read(p.store) { db in
            try Data.fetchAll(db, sql: "SELECT bytes FROM events ORDER BY rowid").map { [UInt8]($0) }
        }
        // The last event's signature made by another key; a line that is no event at all.
        var last = try JSONParser.parse(log[log.count - 1]).objectValue!
        last["sig"] = .string(p.bob.sign(Hex.decode(last["id"]!.stringValue!)!))
        log[log.count - 1] = CanonicalJSON.encode(.object(last))
        log.insert(Array("not an event".utf8), at: 300)

        let received = try temporaryStore()
        let outcomes = try received.receive(log)
        #expect(outcomes.count == log.count)
        let refused = outcomes.indices.filter { !outcomes[$0].isAccepted }
        #expect(refused == [300, log.count - 1])
        if case .rejected(let error) = outcomes[300] { #expect(error.code == "malformed") }
        if case .rejected(let error) = outcomes[log.count - 1] { #expect(error.code == "bad_signature") }
        #expect(try received.status().codings == 599)
    }
}
