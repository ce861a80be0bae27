import Foundation
import GRDB
import Testing
import Project
@testable import Store
import AccordTesting

/// `--at` reads the past as a query over the live tables (`PastState`) and
/// replays the log only when the voided events of the present do not
/// restrict to that past. Both must answer exactly what a replay answers.
@Suite struct PastStateTests {
    /// What a read at `moment` sees: the digest of every projection row, the
    /// catalog, the current codings, the voided events, the heads and counts.
    static func seen(_ store: Store, _ moment: Moment, replay: Bool) throws -> [String] {
        try store.readState(at: moment, replay: replay) { db in
            let view = StoreView(db: db)
            let catalog = try view.catalog()
            let codings = try view.codings(catalog: catalog).map { "\($0.id) \($0.code) \($0.start)-\($0.end)" }
            let voided = try Row.fetchAll(db, sql: "SELECT id, reason, cause FROM voided ORDER BY id").map { "\($0)" }
            let heads = try Row.fetchAll(db, sql: """
                SELECT a.key, max(e.seq), count(*) FROM events e JOIN authors a ON a.idx = e.author GROUP BY a.key ORDER BY a.key
                """).map { "\($0)" }
            return [try StateDigest.compute(db), catalog.projectName, "\(catalog.members)", "\(catalog.codes)", "\(catalog.documents)",
                    "\(codings)", "\(voided)", "\(heads)", "\(try view.currentCodingCount())"]
        }
    }

    static func queried(_ store: Store, _ moment: Moment) throws -> Bool {
        try PastState.read(file: store.databaseFile, moment: moment) { _ in () } != nil
    }

    /// Random projects with forks, removals, demotions, key rotations and
    /// withdrawals (the authority property's histories), received in a
    /// random order: at cuts through the whole history, by time and by
    /// event, the query and the replay see the same state.
    @Test(arguments: AuthorityPropertyTests.seeds)
    func thePastQueriedEqualsThePastReplayed(seed: UInt64) throws {
        let (events, _) = try AuthorityPropertyTests.randomHistory(seed: seed)
        var rng = SeededRandom(seed: seed &* 104_729)
        let store = try temporaryStore()
        _ = try store.receive(AuthorityPropertyTests.randomCausalOrder(events, &rng).map(\.bytes))
        let times = events.map(\.time).sorted()
        var moments: [Moment] = [.time(times[0] - 1), .time(times.last! + 1)]
        for k in 1...12 { moments.append(.time(times[k * (times.count - 1) / 12])) }
        for _ in 0..<8 { moments.append(.event(events.randomElement(using: &rng)!.id)) }
        var queriedCount = 0
        for moment in moments {
            let query = try Self.seen(store, moment, replay: false)
            let replay = try Self.seen(store, moment, replay: true)
            let differ = query.indices.filter { query[$0] != replay[$0] }
            #expect(differ.isEmpty, "seed \(seed) at \(moment): \(differ.map { "query \(query[$0]) replay \(replay[$0])" })")
            if try Self.queried(store, moment) { queriedCount += 1 }
        }
        if ProcessInfo.processInfo.environment["ACCORD_PROPERTY_REPORT"] != nil {
            print("seed \(seed): \(queriedCount) of \(moments.count) moments queried, \(try store.voided().count) voided")
        }
        // The present restricts to itself, and to the empty past.
        #expect(queriedCount >= 2, "seed \(seed): \(queriedCount) of \(moments.count) moments queried")
    }

    /// Bob codes offline while the lead removes him: his coding is voided
    /// now, but was current before the removal. That past needs a replay
    /// (the cause lies outside it); after the removal, the query answers.
    @Test func aCodingVoidedByALaterRemovalWasCurrentBeforeIt() throws {
        let p = try TestProject()
        let laptop = try temporaryStore()
        try AuthorityPropertyTests.copy(p.store, into: laptop)
        let coded = try Replica(store: laptop).apply(code: "values/honesty", document: "northwind", at: .span(0, 5), by: p.bob)
        let removal = try p.replica.removeMember("bob", by: p.lead)
        try AuthorityPropertyTests.copy(laptop, into: p.store)
        #expect(try p.store.voided().map(\.id) == [coded.id])

        try #require(coded.time < removal.time)
        for moment in [Moment.time(coded.time), .event(coded.id)] {
            #expect(try !Self.queried(p.store, moment))
            let current = try p.store.read(at: moment) { view in try view.codings(catalog: view.catalog()).map(\.id) }
            #expect(current.contains(coded.id))
            #expect(try Self.seen(p.store, moment, replay: false) == (try Self.seen(p.store, moment, replay: true)))
        }
        let after = Moment.time(removal.time)
        #expect(try Self.queried(p.store, after))
        #expect(try p.store.read(at: after) { view in try view.codings(catalog: view.catalog()).map(\.id) }.contains(coded.id) == false)
        #expect(try Self.seen(p.store, after, replay: false) == (try Self.seen(p.store, after, replay: true)))
    }

    /// Renames, a withdrawal and a member's role change between two cuts:
    /// each cut names, counts and lists what it held then, by the query.
    @Test func registersAndWithdrawalsAreSettledAsTheyStood() throws {
        let p = try TestProject()
        let first = try p.replica.apply(code: "values/honesty", document: "northwind", at: .span(0, 5), by: p.alice)
        let early = Moment.event(first.id)
        _ = try p.replica.changeCode("values/honesty", newName: "candour", by: p.lead)
        _ = try p.replica.changeMember("bob", newName: nil, role: .lead, by: p.lead)
        _ = try p.replica.unapply(coding: first.id, by: p.alice)
        #expect(try Self.queried(p.store, early))
        let then = try p.store.read(at: early) { view in try (view.catalog(), view.codings(catalog: view.catalog()).map(\.id)) }
        #expect(then.0.codes.contains { $0.name == "honesty" } && !then.0.codes.contains { $0.name == "candour" })
        #expect(then.0.members.first { $0.name == "bob" }?.role == .coder)
        #expect(then.1 == [first.id])
        let now = try p.store.read { view in try (view.catalog(), view.codings(catalog: view.catalog()).map(\.id)) }
        #expect(now.0.codes.contains { $0.name == "candour" } && now.1.isEmpty)
        #expect(try Self.seen(p.store, early, replay: false) == (try Self.seen(p.store, early, replay: true)))
        #expect(try p.store.status(at: early).codings == 1)
    }

    /// A series reads each cut as the query, or, when one cut needs a
    /// replay, folds the log forward once: either way each point is the
    /// state a replay at its time shows, and no cut splits one time.
    @Test(arguments: Array(AuthorityPropertyTests.seeds.prefix(2)))
    func eachPointOfASeriesIsTheStateAtItsTime(seed: UInt64) throws {
        let (events, _) = try AuthorityPropertyTests.randomHistory(seed: seed)
        var rng = SeededRandom(seed: seed &* 15_485_863)
        let store = try temporaryStore()
        _ = try store.receive(AuthorityPropertyTests.randomCausalOrder(events, &rng).map(\.bytes))
        let points = try store.readSeries(cut: .events(5), maxPoints: 1000) { point, view in (point, try view.stateDigest()) }
        #expect(points.last?.0.events == events.count)
        let times = events.map(\.time).sorted()
        for (point, digest) in points {
            #expect(point.events == times.filter { $0 <= point.time }.count)
            #expect(digest == (try store.readState(at: .time(point.time), replay: true) { try StateDigest.compute($0) }), "seed \(seed) at \(point.time)")
        }
    }

    @Test func aSeriesThroughAPastThatNeedsAReplayFoldsTheLog() throws {
        let p = try TestProject()
        let laptop = try temporaryStore()
        try AuthorityPropertyTests.copy(p.store, into: laptop)
        let coded = try Replica(store: laptop).apply(code: "values/honesty", document: "northwind", at: .span(0, 5), by: p.bob)
        _ = try p.replica.removeMember("bob", by: p.lead)
        try AuthorityPropertyTests.copy(laptop, into: p.store)
        let points = try p.store.readSeries(cut: .events(1), maxPoints: 1000) { point, view in
            (point, try view.stateDigest(), try view.codings(catalog: view.catalog()).map(\.id))
        }
        #expect(points.contains { $0.2.contains(coded.id) } && points.last?.2.contains(coded.id) == false)
        for (point, digest, _) in points {
            #expect(digest == (try p.store.readState(at: .time(point.time), replay: true) { try StateDigest.compute($0) }))
        }
    }

    /// A trend carries the codings from step to step: withdrawals of codings
    /// held before, a coding made and withdrawn in one step, a merge and a
    /// withdrawal in one step. With steps of one to four events, every step
    /// must be the agreement `--at` its time reads from scratch.
    @Test func aTrendThroughWithdrawalsAndMergesInAnyStepEqualsAgreementAt() throws {
        let p = try TestProject()
        let codes = ["values/helpfulness", "values/honesty"]
        var made: [(Event, SigningKey)] = []
        for (i, coder) in [p.alice, p.bob, p.alice, p.bob, p.alice, p.bob].enumerated() {
            made.append((try p.replica.apply(code: codes[i % 2], document: "northwind", at: .span(i * 5, i * 5 + 9), by: coder), coder))
        }
        _ = try p.replica.markDone("northwind", by: p.alice)
        _ = try p.replica.markDone("northwind", by: p.bob)
        _ = try p.replica.unapply(coding: made[0].0.id, by: made[0].1)
        let late = try p.replica.apply(code: "values/honesty", document: "northwind", at: .span(40, 60), by: p.bob)
        _ = try p.replica.unapply(coding: late.id, by: p.bob)
        _ = try p.replica.mergeCode("values/honesty", into: "values/helpfulness", by: p.lead)
        _ = try p.replica.unapply(coding: made[3].0.id, by: made[3].1)
        _ = try p.replica.apply(code: "values/helpfulness", document: "northwind", at: .span(0, 30), by: p.alice)

        var query = AgreementQuery()
        query.unit = .sentence
        query.includeUnfinished = true
        for size in 1...4 {
            let points = try p.replica.agreementTrend(query, cut: .events(size))
            var compared = 0
            for point in points {
                var at = query
                at.moment = .time(point.point.time)
                let then = try? p.replica.agreement(at).report
                #expect(point.report == then, "steps of \(size), at \(point.point.events) events")
                if point.report != nil { compared += 1 }
            }
            #expect(compared >= 4, "steps of \(size)")
        }
    }
}
