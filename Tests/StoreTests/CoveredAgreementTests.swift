import Agreement
import Foundation
import GRDB
import Testing
@testable import Project
@testable import Store
import AccordTesting

/// Agreement, disagreements and `resolve` on fixed units read no coding row
/// and no text: the codings come as spans grouped by document, code and
/// member, and each document's units from what the store keeps
/// (`Comparison.covered`). Whatever the history and the order it arrived
/// in, that must answer exactly what the codings and texts answer.
@Suite struct CoveredAgreementTests {
    static let schemes: [UnitScheme] = [.document, .paragraph, .sentence]

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// The report read both ways at `moment`: covered, then from the listing
    /// and texts (`units: nil`); an error as its code.
    static func both(_ store: Store, _ query: AgreementQuery) throws -> (covered: String, listed: String) {
        func run(_ units: KnownUnits?) -> String {
            do {
                let report = try store.read(at: query.moment) { view in try Replica.agreement(query, view, units: units).report }
                return String(decoding: try Self.encoder.encode(report), as: UTF8.self)
            } catch let error as AccordError {
                return "error \(error.code)"
            } catch {
                return "error \(error)"
            }
        }
        return (run(KnownUnits(scheme: query.unit)), run(nil))
    }

    /// Random histories with withdrawals, removals, demotions, key rotations
    /// and forks, received in two random orders: on every fixed scheme, now
    /// and at cuts through the history, the covered report is the listed
    /// one, and the same in both stores.
    @Test(arguments: AuthorityPropertyTests.seeds)
    func theCoveredReportIsTheListedOneInAnyOrder(seed: UInt64) throws {
        let (events, _) = try AuthorityPropertyTests.randomHistory(seed: seed)
        var rng = SeededRandom(seed: seed &* 31_337)
        let stores = try (0..<2).map { _ in try temporaryStore() }
        for store in stores { _ = try store.receive(AuthorityPropertyTests.randomCausalOrder(events, &rng).map(\.bytes)) }
        let times = events.map(\.time).sorted()
        var moments: [Moment] = [.now]
        for k in 1...4 { moments.append(.time(times[k * (times.count - 1) / 4])) }
        var compared = 0
        for scheme in Self.schemes {
            for moment in moments {
                for unfinished in [true, false] {
                    var query = AgreementQuery()
                    (query.unit, query.moment, query.includeUnfinished) = (scheme, moment, unfinished)
                    let first = try Self.both(stores[0], query)
                    let second = try Self.both(stores[1], query)
                    #expect(first.covered == first.listed, "seed \(seed), \(scheme.name) at \(moment)")
                    #expect(first.covered == second.covered, "seed \(seed), \(scheme.name) at \(moment): two orders")
                    if !first.covered.hasPrefix("error") { compared += 1 }
                }
            }
        }
        #expect(compared > 0, "seed \(seed): no report to compare")
    }

    /// A trend carries the groups from step to step through the random
    /// histories' withdrawals and voidings: every step it reports is the
    /// listed report at its time.
    @Test(arguments: Array(AuthorityPropertyTests.seeds.prefix(2)))
    func aTrendsStepsAreTheListedReportsAtTheirTimes(seed: UInt64) throws {
        let (events, _) = try AuthorityPropertyTests.randomHistory(seed: seed)
        var rng = SeededRandom(seed: seed &* 613)
        let store = try temporaryStore()
        _ = try store.receive(AuthorityPropertyTests.randomCausalOrder(events, &rng).map(\.bytes))
        for scheme in [UnitScheme.paragraph, .character] {
            var query = AgreementQuery()
            (query.unit, query.includeUnfinished) = (scheme, true)
            var compared = 0
            for point in try Replica(store: store).agreementTrend(query, cut: .events(5)) {
                var at = query
                at.moment = .time(point.point.time)
                let listed = try Self.both(store, at).listed
                let stepped = try point.report.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) }
                if let stepped {
                    #expect(stepped == listed, "seed \(seed), \(scheme.name) at \(point.point.events) events")
                    compared += 1
                } else {
                    #expect(listed.hasPrefix("error"), "seed \(seed), \(scheme.name) at \(point.point.events) events")
                }
            }
            #expect(compared > 0, "seed \(seed), \(scheme.name)")
        }
    }

    /// Merged and retired codes, a retired document, withdrawn codings, a
    /// coder who found nothing to code, and the consensus as a reference.
    @Test func mergesRetirementsAndTheConsensusAreCoveredAsListed() throws {
        let p = try TestProject()
        let replica = p.replica
        let second = try replica.addDocument(data: Data("One.\n\nTwo, and three.\n\nFour? Five!".utf8), title: "second", by: p.lead)
        _ = try replica.addDocument(data: Data("Gone.\n\nSoon.".utf8), title: "third", by: p.lead)
        _ = try replica.defineCode(CodeDefinition(name: "stale"), by: p.lead)
        let mine = try replica.apply(code: "values/helpfulness", document: "northwind", at: .span(0, 10), by: p.alice)
        _ = try replica.apply(code: "values/honesty", document: "northwind", at: .span(34, 50), by: p.alice)
        _ = try replica.apply(code: "values/honesty", document: "northwind", at: .span(40, 45), by: p.bob)
        _ = try replica.apply(code: "values/helpfulness", document: "second", at: .span(6, 20), by: p.bob)
        _ = try replica.apply(code: "stale", document: "second", at: .span(0, 3), by: p.alice)
        _ = try replica.apply(code: "values/honesty", document: "third", at: .span(0, 4), by: p.alice)
        _ = try replica.unapply(coding: mine.id, by: p.alice)
        _ = try replica.apply(code: "values/helpfulness", document: "northwind", at: .span(2, 12), by: p.alice)
        for doc in ["northwind", "second", "third"] {
            _ = try replica.markDone(doc, by: p.alice)
            _ = try replica.markDone(doc, by: p.bob)
            _ = try replica.markDone(doc, by: p.lead)
        }
        _ = try replica.mergeCode("values/honesty", into: "values/helpfulness", by: p.lead)
        _ = try replica.retireCode("stale", by: p.lead)
        _ = try replica.retireDocument("third", by: p.lead)
        _ = try replica.resolve(.agreed(document: nil, coders: ["alice", "bob"]), unit: .paragraph, by: p.lead)
        _ = try replica.resolve(.unit("second:0-4", codes: ["values/helpfulness"]), unit: .paragraph, by: p.lead)
        #expect(second.id.count == 64)

        for scheme in Self.schemes {
            for consensus in [false, true] {
                var query = AgreementQuery()
                (query.unit, query.againstConsensus) = (scheme, consensus)
                let (covered, listed) = try Self.both(p.store, query)
                #expect(covered == listed, "\(scheme.name), consensus \(consensus)")
                #expect(!covered.hasPrefix("error"), "\(scheme.name): \(covered)")
            }
        }
    }

    /// The first call keeps each compared document's units; the next reads
    /// them instead of the text. An entry that is not such an encoding is
    /// split again and replaced, and the report does not change.
    @Test func unitsAreKeptOnceAndABrokenEntryIsReplaced() throws {
        let p = try TestProject()
        _ = try p.replica.apply(code: "values/helpfulness", document: "northwind", at: .span(0, 10), by: p.alice)
        _ = try p.replica.apply(code: "values/helpfulness", document: "northwind", at: .span(36, 40), by: p.bob)
        _ = try p.replica.markDone("northwind", by: p.alice)
        _ = try p.replica.markDone("northwind", by: p.bob)
        func kept() throws -> [String: [UInt8]] {
            try StoreFile.read(p.store) { db in
                var out: [String: [UInt8]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT scheme, units FROM document_units WHERE document = ?", arguments: [p.document]) {
                    out[row[0]] = [UInt8](row[1] as Data)
                }
                return out
            }
        }
        #expect(try kept().isEmpty)
        var query = AgreementQuery()
        query.unit = .sentence
        let first = try p.replica.agreement(query).report
        let expected = DocumentUnits(text: TestProject.text, scheme: .sentence)!
        #expect(try kept() == ["sentence/1": expected.bytes])

        query.unit = .paragraph
        let paragraphs = try p.replica.agreement(query).report
        #expect(try kept()["paragraph/1"] == DocumentUnits(text: TestProject.text, scheme: .paragraph)!.bytes)
        // The document scheme needs no entry: its one unit is the length.
        query.unit = .document
        _ = try p.replica.agreement(query)
        #expect(try kept().count == 2)

        for broken: [UInt8] in [[], [0xff], expected.bytes + [0], [1, 0, 200, 1]] {
            try StoreFile.write(p.store) { db in
                try db.execute(sql: "UPDATE document_units SET units = ? WHERE scheme = 'sentence/1'", arguments: [Data(broken)])
            }
            query.unit = .sentence
            #expect(try p.replica.agreement(query).report == first, "\(broken)")
            #expect(try kept()["sentence/1"] == expected.bytes, "\(broken)")
        }
        query.unit = .paragraph
        #expect(try p.replica.agreement(query).report == paragraphs)
    }
}
