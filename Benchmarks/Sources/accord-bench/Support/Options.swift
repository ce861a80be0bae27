import Foundation

/// The command line: `accord-bench NAME [--quick] [--key value]…`, parsed by hand
/// (plain `CommandLine.arguments`) so the benchmarks need no argument library.
struct Options {
    var command: String
    var quick = false
    var values: [String: String] = [:]
    var flags: Set<String> = []

    static let usage = """
        usage: accord-bench (all|append|rebuild|apply-cold|agreement|trend|adjudication|clone|sync-wire|load|reads) [--quick] [options]

          all            every benchmark in turn (with --quick: small sizes, a few minutes)
          append         --codings N (200000)          import N codings vs Ed25519 signing and a raw GRDB insert
                         --phases                      also time CSV parse, Store.append alone, signing on all cores
                         --append-only                 only the import (for profiling)
          rebuild        --events N (1000000)          store.rebuild() vs a GRDB cursor over the event bytes
          apply-cold     --events N (1000000) --runs R (20) --small N (1000)
                                                       cold `accord apply` on N events vs `accord --help`, vs N=small
                         --compare PATH                another accord binary, timed in the same runs
          agreement      --paragraphs N (100000) --codes C (20) --coders K (3)
                         --char-mb M (10) --char-codings N (100000)
                                                       Replica.agreement / computeAgreement vs scikit-learn; character units
          trend          --paragraphs N (100000) --steps S (20)
                                                       agreement --trend vs one agreement call and vs --at per step
          adjudication   --paragraphs N (100000)       disagreements and resolve --agreed vs one agreement call
          clone          --events N (1000000)          `accord clone` of a served store vs Ed25519 verify on 2 cores
          sync-wire      --authors A (10) --ks 1,10,100,1000
                                                       no-op sync cost; wire bytes / canonical bytes for k new events
          load           --coders C (50) --seconds S (60)
                                                       C coders coding and syncing against `accord serve` for S s:
                                                       sync latency p50/p99, nothing lost or twice, digests equal
          reads          --events N (300000) --runs R (5)
                                                       status vs code list, codings --json rows/s, --at vs now,
                                                       log --json events/s, store size vs the log's canonical
                                                       bytes (cold processes)

        common:
          --quick          small sizes for a smoke run
          --accord PATH    the release `accord` binary (default: Benchmarks/.build/release/accord)
          --data DIR       cache of generated stores (default: Benchmarks/.data)
          --python PATH    Python with scikit-learn (default: Benchmarks/.venv/bin/python, else python3)
          --seed S         random seed (default 42)
        """

    init(_ arguments: [String]) {
        var args = Array(arguments.dropFirst())
        command = args.isEmpty ? "help" : args.removeFirst()
        var i = 0
        while i < args.count {
            let arg = args[i]
            guard arg.hasPrefix("--") else { i += 1; continue }
            let name = String(arg.dropFirst(2))
            if let eq = name.firstIndex(of: "=") {
                values[String(name[..<eq])] = String(name[name.index(after: eq)...])
            } else if i + 1 < args.count, !args[i + 1].hasPrefix("--") {
                values[name] = args[i + 1]
                i += 1
            } else {
                flags.insert(name)
            }
            i += 1
        }
        quick = flags.contains("quick")
    }

    /// An integer option; `full` normally, `quick` under --quick. Accepts `1_000_000`, `1m`, `200k`.
    func int(_ name: String, full: Int, quick quickValue: Int) -> Int {
        if let text = values[name] {
            let t = text.lowercased().replacingOccurrences(of: "_", with: "")
            if t.hasSuffix("m"), let v = Double(t.dropLast()) { return Int(v * 1_000_000) }
            if t.hasSuffix("k"), let v = Double(t.dropLast()) { return Int(v * 1_000) }
            if let v = Int(t) { return v }
            fatalError("--\(name) takes a whole number, got \(text)")
        }
        return quick ? quickValue : full
    }

    func ints(_ name: String, full: [Int], quick quickValue: [Int]) -> [Int] {
        if let text = values[name] { return text.split(separator: ",").compactMap { Int($0) } }
        return quick ? quickValue : full
    }

    func string(_ name: String) -> String? { values[name] }

    var seed: UInt64 { UInt64(values["seed"] ?? "42") ?? 42 }
}
