import Crypto
import Dispatch
import Foundation
import Store

/// Benchmark 5 (issue 4): `accord clone` of a served store of N events over
/// loopback, with full validation, as a separate process (its peak RSS from
/// wait4's rusage), against Ed25519 verification of the same number of
/// signatures on every core (and on one), measured in the same run.
enum CloneBench {
    static func run(_ options: Options) throws {
        let target = options.int("events", full: 1_000_000, quick: 100_000)
        let accord = try Paths.accord(options)
        let source = try LargeStore.ensure(events: target, options)
        let n = source.events
        let cores = ProcessInfo.processInfo.activeProcessorCount

        // Baselines: verification alone, the cost no validating clone avoids.
        note("Ed25519 verify × \(Format.int(n)) on \(cores) cores, and on one core (a tenth as many)")
        let samples = signatureSamples()
        let (_, verifyAll) = timed { verify(samples, count: n, workers: cores) }
        let oneCoreCount = max(1_000, n / 10)
        let (_, verifyOne) = timed { verify(samples, count: oneCoreCount, workers: 1) }

        let server = ServeProcess.start(accord: accord, store: source.root)
        let work = Paths.temporary("clone")
        defer { try? FileManager.default.removeItem(at: work) }
        let destination = work.appendingPathComponent("replica")
        let keyFile = source.root.appendingPathComponent(".accord/keys/reader.key")
        note("accord clone \(server.url) (\(Format.int(n)) events)")
        let clone = Subprocess.run([accord.path, "clone", server.url, destination.path, "--key", keyFile.path, "--as", "reader"])
        let serverRSS = server.process.peakRSS()
        _ = server.stop()
        guard clone.status == 0 else { fatalError("accord clone failed (\(clone.status)):\n\(clone.stdout)\n\(clone.stderr.suffix(3000))") }

        // The replica must hold every event, and fold to the same state.
        let replica = try Store(directory: destination.appendingPathComponent(Store.directoryName))
        let original = try Store(directory: source.root.appendingPathComponent(Store.directoryName))
        let copied = try StoreFile.read(replica) { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0 }
        precondition(copied == n, "the clone holds \(copied) events, the source \(n)")
        note("comparing state digests")
        let same = try replica.stateDigest() == original.stateDigest()

        let rate = Double(n) / clone.wall
        let verifyRate = Double(n) / verifyAll
        let report = Report("clone: `accord clone` of \(Format.int(n)) events over loopback, full validation")
        report.parameter("events", Format.int(n))
        report.parameter("source store", Format.bytes(source.bytes))
        report.parameter("cores", cores)
        report.row("clone (separate process)", Format.rate(rate),
                   "\(Format.seconds(clone.wall)), CPU user \(Format.seconds(clone.userCPU)) + sys \(Format.seconds(clone.systemCPU))")
        report.row("clone peak RSS (ru_maxrss)", Format.bytes(clone.maxRSS))
        report.row("server peak RSS (VmHWM)", Format.bytes(serverRSS))
        report.row("Ed25519 verify, \(cores) cores", Format.rate(verifyRate), Format.seconds(verifyAll))
        report.row("Ed25519 verify, 1 core", Format.rate(Double(oneCoreCount) / verifyOne))
        report.row("clone / verify-\(cores)-cores", Format.ratio(rate / verifyRate))
        report.row("replica state_digest equals source", same ? "yes" : "NO")
        report.goal("clone ≥ 100,000 events/s (\(Format.rate(rate)); signature verification alone allows \(Format.rate(verifyRate)))", met: rate >= 100_000)
        report.goal("clone peak RSS < 150 MB (\(Format.bytes(clone.maxRSS)))", met: clone.maxRSS < 150 << 20)
        report.print()
        Results.record("clone", ["events": Double(n), "clone_per_s": rate, "clone_seconds": clone.wall,
                                 "clone_peak_rss_mb": Double(clone.maxRSS) / 1048576, "verify_per_s": verifyRate,
                                 "clone_over_verify": rate / verifyRate])
    }

    struct Sample { var key: [UInt8]; var message: [UInt8]; var signature: [UInt8] }

    /// 1,024 (public key, 32-byte id, signature) triples from three keys.
    static func signatureSamples() -> [Sample] {
        let keys = ["alice", "bob", "carol"].map { name in
            try! Curve25519.Signing.PrivateKey(rawRepresentation: Array(SHA256.hash(data: Array("accord-bench/\(name)".utf8))))
        }
        return (0..<1024).map { i in
            let key = keys[i % 3]
            let message = Array(SHA256.hash(data: withUnsafeBytes(of: i) { Array($0) }))
            return Sample(key: Array(key.publicKey.rawRepresentation), message: message, signature: Array(try! key.signature(for: message)))
        }
    }

    /// Verifies `count` signatures (cycling through the samples) on `workers` threads,
    /// making the public key from its raw bytes each time as a receiver does.
    static func verify(_ samples: [Sample], count: Int, workers: Int) {
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            var ok = 0
            while i < count {
                let s = samples[i % samples.count]
                if let key = try? Curve25519.Signing.PublicKey(rawRepresentation: s.key), key.isValidSignature(s.signature, for: s.message) { ok += 1 }
                i += workers
            }
            precondition(ok > 0)
        }
    }
}
