import Agreement
import Foundation
import GRDB
import Project
import Store

/// Benchmark 4 (issue 3): per-code agreement on paragraph units, through the
/// CLI's code path (`Replica.agreement`, on a store holding the codings and the
/// done markers) and through `computeAgreement` alone, against scikit-learn's
/// `cohen_kappa_score` in a Python loop over the very same binary ratings
/// (scripts/bench_agreement_sklearn.py), with the kappas checked to 1e-9.
/// Then character units on ~10 MB of text with 100,000 codings.
enum AgreementBench {
    struct Dataset {
        var texts: [String]
        /// Paragraph ranges of each document.
        var units: [[Range<Int>]]
        /// ratings[code][coder][global unit] = 1 when present.
        var ratings: [[[UInt8]]]
        /// (coder, document index, code, start, end)
        var codings: [(coder: Int, document: Int, code: Int, start: Int, end: Int)]
        var unitCount: Int
    }

    static func coderNames(_ k: Int) -> [String] {
        let base = ["alice", "bob", "carol", "dave", "erin", "frank"]
        return (0..<k).map { $0 < base.count ? base[$0] : "coder\($0 + 1)" }
    }

    /// Documents of 100 paragraphs; each code has a prevalence p_c = 0.25·0.75^c
    /// (skewed); a latent truth per (paragraph, code), each coder seeing it with
    /// 85% sensitivity and a small false-positive rate; each rating "present"
    /// becomes one coding on a random sub-span of that paragraph.
    static func paragraphDataset(paragraphs: Int, codes: Int, coders: Int, seed: UInt64) -> Dataset {
        var rng = SeededRandom(seed: seed)
        let perDocument = 100
        let documents = max(1, paragraphs / perDocument)
        var texts: [String] = [], units: [[Range<Int>]] = []
        for _ in 0..<documents {
            let text = TextMaker.document(&rng, paragraphs: perDocument, characters: 96)
            let ranges = Paragraphs.ranges(in: text)
            precondition(ranges.count == perDocument)
            texts.append(text)
            units.append(ranges)
        }
        let unitCount = documents * perDocument
        var ratings = [[[UInt8]]](repeating: [[UInt8]](repeating: [UInt8](repeating: 0, count: unitCount), count: coders), count: codes)
        var codings: [(Int, Int, Int, Int, Int)] = []
        for c in 0..<codes {
            let p = 0.25 * pow(0.75, Double(c))
            for u in 0..<unitCount {
                let truth = rng.chance(p)
                for k in 0..<coders where rng.chance(truth ? 0.85 : p * 0.15) {
                    ratings[c][k][u] = 1
                    let range = units[u / perDocument][u % perDocument]
                    let s = range.lowerBound + Int(rng.next() % UInt64(range.count - 1))
                    let e = s + 1 + Int(rng.next() % UInt64(range.upperBound - s))
                    codings.append((k, u / perDocument, c, s, e))
                }
            }
        }
        return Dataset(texts: texts, units: units, ratings: ratings,
                       codings: codings.map { (coder: $0.0, document: $0.1, code: $0.2, start: $0.3, end: $0.4) }, unitCount: unitCount)
    }

    static func run(_ options: Options) throws {
        let paragraphs = options.int("paragraphs", full: 100_000, quick: 10_000)
        let codeCount = options.int("codes", full: 20, quick: 20)
        let coderCount = options.int("coders", full: 3, quick: 3)
        let repeats = options.int("repeats", full: 5, quick: 3)
        let coders = coderNames(coderCount)

        note("generating \(Format.int(paragraphs)) paragraphs × \(codeCount) codes × \(coderCount) coders")
        let data = paragraphDataset(paragraphs: paragraphs, codes: codeCount, coders: coderCount, seed: options.seed)
        let project = try agreementStore(data, codes: codeCount, coders: coders, options: options)

        // The CLI's path: Replica.agreement(query) — catalog, done markers, codings
        // and document texts read from SQLite, then computeAgreement.
        var query = AgreementQuery()
        query.unit = .paragraph
        // The first call on a store splits each compared document once and
        // keeps its units (`document_units`); every later call reads them.
        try DatabaseQueue(path: project.store.databaseFile.path).write { db in try db.execute(sql: "DELETE FROM document_units") }
        note("Replica.agreement(unit: paragraph), the first call (texts read and split, units kept)")
        let (_, firstCall) = try timed { try Replica(store: project.store).agreement(query) }
        note("Replica.agreement(unit: paragraph) × \(repeats)")
        var storeTimes: [Double] = []
        var storeReport: AgreementReport! = nil
        for _ in 0..<repeats {
            let (r, t) = try timed { try Replica(store: project.store).agreement(query) }
            storeTimes.append(t)
            storeReport = r.report
            precondition(r.leftOut.isEmpty, "documents left out: \(r.leftOut.prefix(3))")
        }
        precondition(storeReport.units == data.unitCount, "report has \(storeReport.units) units, expected \(data.unitCount)")

        // The pure computation on the same input, built in memory.
        let input = AgreementInput(
            documents: zip(project.documents, data.texts).map { AgreementDocument(id: $0.0.id, title: $0.0.title, text: $0.1) },
            coders: coders, codes: project.codes.map { AgreementCode(id: $0.id, path: $0.path) },
            codings: data.codings.map { AgreementCoding(coder: coders[$0.coder], document: project.documents[$0.document].id,
                                                        code: project.codes[$0.code].id, start: $0.start, end: $0.end) })
        note("computeAgreement(unit: paragraph) × \(repeats)")
        var pureTimes: [Double] = []
        var pureReport: AgreementReport! = nil
        for _ in 0..<repeats {
            let (r, t) = timed { computeAgreement(input, unit: .paragraph) }
            pureTimes.append(t)
            pureReport = r
        }
        precondition(pureReport.codes.map { $0.pairs.map(\.kappa) } == storeReport.codes.map { $0.pairs.map(\.kappa) },
                     "Replica.agreement and computeAgreement disagree")

        // The cacheable form: per document its paragraph boundaries and per (document, code,
        // coder) a bitset of covered paragraphs, as the storage layer would keep them.
        note("AgreementCoverage from the input, computeAgreement(coverage:), computeUnitRatings × \(repeats)")
        var buildTimes: [Double] = [], coverageTimes: [Double] = [], ratingTimes: [Double] = [], coverageRatingTimes: [Double] = []
        var coverage: AgreementCoverage! = nil
        var coverageReport: AgreementReport! = nil
        var ratingCount = 0
        for _ in 0..<repeats {
            let (built, tb) = timed { AgreementCoverage(input, unit: .paragraph)! }
            buildTimes.append(tb)
            coverage = built
            let (r, t) = timed { computeAgreement(coverage: coverage) }
            coverageTimes.append(t)
            coverageReport = r
            let (ratings, tr) = timed { computeUnitRatings(input, unit: .paragraph) }
            ratingTimes.append(tr)
            let (fromCoverage, tc) = timed { computeUnitRatings(coverage: coverage) }
            coverageRatingTimes.append(tc)
            precondition(ratings.count == fromCoverage.count)
            ratingCount = ratings.count
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let identical = try coverageReport == pureReport && encoder.encode(coverageReport) == encoder.encode(pureReport)
        precondition(identical, "computeAgreement(coverage:) and computeAgreement(input) differ")

        // scikit-learn on the same ratings.
        let sk = try runSklearn(data, report: storeReport, coders: coders, codes: project.codes.map(\.path), options: options)

        let storeMedian = median(storeTimes), pureMedian = median(pureTimes)
        let report = Report("agreement: \(Format.int(data.unitCount)) paragraph units × \(codeCount) codes × \(coderCount) coders")
        report.parameter("documents", data.texts.count)
        report.parameter("codings", Format.int(data.codings.count))
        report.parameter("text", Format.bytes(data.texts.reduce(0) { $0 + $1.utf8.count }))
        report.parameter("repeats", "\(repeats) (median)")
        report.row("Replica.agreement (CLI path, from SQLite)", Format.seconds(storeMedian), "all statistics, \(storeReport.codes.count) codes")
        report.row("  the first call on the store", Format.seconds(firstCall), "reads and splits every text once, keeps the units")
        report.row("computeAgreement (in memory)", Format.seconds(pureMedian))
        let coverageMedian = median(coverageTimes)
        report.row("  AgreementCoverage from the input", Format.seconds(median(buildTimes)), "splits paragraphs, sets bits")
        report.row("  computeAgreement(coverage:)", Format.seconds(coverageMedian), "same JSON, byte for byte")
        report.row("  computeUnitRatings (in memory)", Format.seconds(median(ratingTimes)), "\(Format.int(ratingCount)) coded units")
        report.row("  computeUnitRatings(coverage:)", Format.seconds(median(coverageRatingTimes)),
                   "\(Format.ratio(median(coverageRatingTimes) / coverageMedian)) of computeAgreement(coverage:)")
        if let sk {
            report.row("scikit-learn cohen_kappa_score loop", Format.seconds(sk.seconds), "\(sk.calls) calls, sklearn \(sk.version), median of \(sk.repeats)")
            report.row("kappas compared", "\(sk.compared)", "max |Δ| = \(sk.maxDiff.map { String(format: "%.2e", $0) } ?? "mismatch (null vs value)")")
            report.row("speed-up, CLI path vs sklearn", Format.ratio(sk.seconds / storeMedian))
            report.row("speed-up, computeAgreement vs sklearn", Format.ratio(sk.seconds / pureMedian))
            report.row("speed-up, computeAgreement(coverage:) vs sklearn", Format.ratio(sk.seconds / coverageMedian))
            report.goal("kappas identical to scikit-learn within 1e-9", met: (sk.maxDiff ?? .infinity) <= 1e-9)
            report.goal("CLI path ≥ 20× faster than scikit-learn (\(Format.ratio(sk.seconds / storeMedian)))", met: sk.seconds / storeMedian >= 20)
        } else {
            report.row("scikit-learn", "not run", "see the message above")
        }

        // Character units, in memory: ~10 MB, 100,000 codings.
        let megabytes = options.int("char-mb", full: 10, quick: 2)
        let charCodings = options.int("char-codings", full: 100_000, quick: 20_000)
        let charInput = characterInput(megabytes: megabytes, codings: charCodings, codes: codeCount, coders: coders, seed: options.seed)
        note("computeAgreement(unit: character) × \(repeats) on \(megabytes) MB, \(Format.int(charCodings)) codings")
        var charTimes: [Double] = []
        var charReport: AgreementReport! = nil
        for _ in 0..<repeats {
            let (r, t) = timed { computeAgreement(charInput, unit: .character) }
            charTimes.append(t)
            charReport = r
        }
        var charQuery = AgreementQuery()
        charQuery.unit = .character
        note("Replica.agreement(unit: character) on the paragraph store")
        let (_, storeChar) = try timed { try Replica(store: project.store).agreement(charQuery) }
        let charMedian = median(charTimes)
        report.row("character units: computeAgreement", Format.seconds(charMedian),
                   "\(Format.bytes(charInput.documents.reduce(0) { $0 + $1.text.utf8.count })), \(Format.int(charInput.codings.count)) codings, \(Format.int(charReport.units)) units")
        report.row("character units: Replica.agreement, paragraph store", Format.seconds(storeChar),
                   "\(Format.bytes(data.texts.reduce(0) { $0 + $1.utf8.count })), \(Format.int(data.codings.count)) codings")
        report.goal("character units on \(megabytes) MB with \(Format.int(charCodings)) codings < 100 ms (\(Format.seconds(charMedian)))", met: charMedian < 0.1)
        report.print()
        var figures: [String: Double] = ["units": Double(data.unitCount), "store_ms": storeMedian * 1000, "compute_ms": pureMedian * 1000,
                                         "coverage_build_ms": median(buildTimes) * 1000, "coverage_compute_ms": coverageMedian * 1000,
                                         "ratings_ms": median(ratingTimes) * 1000, "coverage_ratings_ms": median(coverageRatingTimes) * 1000,
                                         "character_ms": charMedian * 1000, "character_store_ms": storeChar * 1000,
                                         "first_call_ms": firstCall * 1000]
        if let sk {
            figures["sklearn_ms"] = sk.seconds * 1000
            figures["speedup_store"] = sk.seconds / storeMedian
            figures["speedup_compute"] = sk.seconds / pureMedian
            figures["max_abs_diff"] = sk.maxDiff ?? -1
        }
        Results.record("agreement", figures)
    }

    /// The store holding the dataset's codings and every coder's done markers,
    /// cached in .data/ keyed by its parameters.
    static func agreementStore(_ data: Dataset, codes: Int, coders: [String], options: Options) throws -> BenchProject {
        let root = Paths.data(options).appendingPathComponent("agreement-\(data.unitCount)x\(codes)x\(coders.count)-s\(options.seed)")
        let ready = root.appendingPathComponent("ready")
        if FileManager.default.fileExists(atPath: ready.path) {
            return try BenchProject.open(at: root, coders: coders)
        }
        try? FileManager.default.removeItem(at: root)
        note("building the agreement store (\(Format.int(data.codings.count)) codings; cached in \(root.path))")
        let project = try BenchProject.create(at: root, coders: coders, documents: data.texts, codes: codes, extraMembers: [])
        for (k, coder) in project.coders.enumerated() {
            var actions = data.codings.filter { $0.coder == k }.map {
                BenchProject.coding(document: project.documents[$0.document].id, code: project.codes[$0.code].id, start: $0.start, end: $0.end)
            }
            actions += project.documents.map { Action(.documentDone(DocumentDone(document: EventID(hex: $0.id)!))) }
            var i = 0
            while i < actions.count {
                try project.store.append(Array(actions[i..<min(i + 50_000, actions.count)]), by: coder.key)
                i += 50_000
            }
        }
        try project.checkpoint()
        try "ready\n".write(to: ready, atomically: true, encoding: .utf8)
        return project
    }

    struct SklearnResult {
        var seconds: Double
        var calls: Int
        var repeats: Int
        var compared: Int
        var maxDiff: Double?
        var version: String
    }

    /// Writes the ratings and accord's kappas, runs the Python script, reads its verdict.
    static func runSklearn(_ data: Dataset, report: AgreementReport, coders: [String], codes: [String], options: Options) throws -> SklearnResult? {
        let dir = Paths.temporary("sklearn")
        defer { try? FileManager.default.removeItem(at: dir) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(codes.count * coders.count * data.unitCount)
        for c in data.ratings { for k in c { bytes += k } }
        try Data(bytes).write(to: dir.appendingPathComponent("ratings.u8"))
        var swift: [[String: Any]] = []
        for (ci, code) in report.codes.enumerated() {
            precondition(code.code == codes[ci])
            for pair in code.pairs {
                swift.append(["code": ci, "first": coders.firstIndex(of: pair.coders[0])!, "second": coders.firstIndex(of: pair.coders[1])!,
                              "kappa": pair.kappa.map { $0 as Any } ?? NSNull()])
            }
        }
        let meta: [String: Any] = ["units": data.unitCount, "codes": codes, "coders": coders, "ratings": "ratings.u8", "swift": swift]
        let metaURL = dir.appendingPathComponent("meta.json")
        try JSONSerialization.data(withJSONObject: meta).write(to: metaURL)
        let script = Paths.repository.appendingPathComponent("scripts/bench_agreement_sklearn.py").path
        let python = Paths.python(options)
        note("scikit-learn loop (\(python.joined(separator: " ")) \(script))")
        let result = Subprocess.run(python + [script, metaURL.path, "--repeats", options.quick ? "1" : "3"])
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last,
              let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else {
            FileHandle.standardError.write(Data("""
                scikit-learn run failed (exit \(result.status)); install it with:
                  python3 -m venv Benchmarks/.venv && Benchmarks/.venv/bin/pip install scikit-learn==1.9.1
                \(result.stderr.suffix(2000))

                """.utf8))
            return nil
        }
        if let mismatches = json["mismatches"] as? [Any], !mismatches.isEmpty {
            FileHandle.standardError.write(Data("kappa mismatches: \(mismatches)\n".utf8))
        }
        return SklearnResult(seconds: json["seconds_median"] as! Double, calls: json["calls"] as! Int, repeats: json["repeats"] as! Int,
                             compared: json["compared"] as! Int, maxDiff: json["max_abs_diff"] as? Double,
                             version: json["sklearn"] as? String ?? "?")
    }

    /// ~`megabytes` MB of text in 100 kB documents and `codings` random spans
    /// (length 20–2,000 scalars), spread over the coders and codes.
    static func characterInput(megabytes: Int, codings: Int, codes: Int, coders: [String], seed: UInt64) -> AgreementInput {
        var rng = SeededRandom(seed: seed &+ 7)
        let documentBytes = 100_000
        let count = max(1, megabytes * 1_000_000 / documentBytes)
        var documents: [AgreementDocument] = []
        for d in 0..<count {
            let text = TextMaker.document(&rng, paragraphs: documentBytes / 122, characters: 120)
            documents.append(AgreementDocument(id: "d\(d)", title: "doc \(d)", text: text))
        }
        let lengths = documents.map { $0.text.unicodeScalars.count }
        let codeList = (0..<codes).map { AgreementCode(id: "c\($0)", path: String(format: "c%02d", $0 + 1)) }
        var list: [AgreementCoding] = []
        list.reserveCapacity(codings)
        for _ in 0..<codings {
            let d = Int(rng.next() % UInt64(count))
            let length = 20 + Int(rng.next() % 1981)
            let s = Int(rng.next() % UInt64(lengths[d] - length))
            list.append(AgreementCoding(coder: coders[Int(rng.next() % UInt64(coders.count))], document: documents[d].id,
                                        code: codeList[Int(rng.next() % UInt64(codes))].id, start: s, end: s + length))
        }
        return AgreementInput(documents: documents, coders: coders, codes: codeList, codings: list)
    }
}
