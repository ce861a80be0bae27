import Agreement
import Foundation
import Project
import Store

/// `disagreements` and `resolve --agreed` (issue 7) on the agreement store
/// (100k paragraphs × 20 codes × 3 coders), each against one `agreement`
/// call on the same store in the same run: a lead's listing and batch
/// decision read the same codings and units, so they should cost about as
/// much. `resolve` writes, so it runs on a copy of the cached store.
enum AdjudicationBench {
    static func run(_ options: Options) throws {
        let paragraphs = options.int("paragraphs", full: 100_000, quick: 10_000)
        let codeCount = options.int("codes", full: 20, quick: 20)
        let coderCount = options.int("coders", full: 3, quick: 3)
        let repeats = options.int("repeats", full: 3, quick: 3)
        let coders = AgreementBench.coderNames(coderCount)
        note("generating \(Format.int(paragraphs)) paragraphs × \(codeCount) codes × \(coderCount) coders")
        let data = AgreementBench.paragraphDataset(paragraphs: paragraphs, codes: codeCount, coders: coderCount, seed: options.seed)
        let cached = try AgreementBench.agreementStore(data, codes: codeCount, coders: coders, options: options)

        let copy = Paths.temporary("adjudication")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: cached.root, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let project = try BenchProject.open(at: copy, coders: coders)
        let replica = Replica(store: project.store)

        var agreementQuery = AgreementQuery()
        agreementQuery.unit = .paragraph
        note("agreement × \(repeats)")
        let one = median(try (0..<repeats).map { _ in try timed { try replica.agreement(agreementQuery) }.1 })

        note("disagreements × \(repeats)")
        var listed = 0
        let listing = median(try (0..<repeats).map { _ in
            let (result, t) = try timed { try replica.disagreements(DisagreementsQuery(), reader: project.lead) }
            listed = result.units.count
            return t
        })

        note("resolve --agreed (once: it writes)")
        let (written, resolve) = try timed { try replica.resolve(.agreed(document: nil, coders: []), by: project.lead) }
        note("resolve --agreed again (nothing new to decide)")
        let (again, resolveAgain) = try timed { try replica.resolve(.agreed(document: nil, coders: []), by: project.lead) }

        let report = Report("disagreements and resolve --agreed: \(Format.int(data.unitCount)) paragraphs × \(codeCount) codes × \(coderCount) coders")
        report.row("one agreement call", Format.seconds(one), "median of \(repeats)")
        report.row("disagreements", Format.seconds(listing), "\(Format.int(listed)) units; \(Format.ratio(listing / one)) of agreement")
        report.row("resolve --agreed", Format.seconds(resolve), "\(Format.int(written.count)) decisions signed and stored; \(Format.ratio(resolve / one)) of agreement")
        report.row("resolve --agreed, all decided", Format.seconds(resolveAgain), "\(again.count) written; \(Format.ratio(resolveAgain / one)) of agreement")
        // The same decisions computed both times: the difference is writing them.
        let writing = max(resolve - resolveAgain, 1e-9)
        report.row("writing the decisions", Format.seconds(writing),
                   "\(Format.int(Int(Double(written.count) / writing)))/s: the store's append rate (issue 11)")
        report.goal("disagreements ≤ 2× agreement (\(Format.ratio(listing / one)))", met: listing <= 2 * one)
        report.goal("resolve --agreed ≤ 2× agreement (\(Format.ratio(resolve / one)))", met: resolve <= 2 * one)
        report.print()
        Results.record("adjudication", ["agreement_ms": one * 1000, "disagreements_ms": listing * 1000, "resolve_agreed_ms": resolve * 1000,
                                        "decisions": Double(written.count), "units_listed": Double(listed),
                                        "resolve_again_ms": resolveAgain * 1000])
    }
}
