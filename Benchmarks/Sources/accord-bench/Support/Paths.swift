import Foundation

/// Where things are: the Benchmarks folder (found from this source file, so
/// the binary can run from anywhere), its data cache, the `accord` binary.
enum Paths {
    /// …/Benchmarks
    static let benchmarks: URL = {
        if let env = ProcessInfo.processInfo.environment["ACCORD_BENCH_DIR"] { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // accord-bench
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // Benchmarks
    }()

    static var repository: URL { benchmarks.deletingLastPathComponent() }

    static func data(_ options: Options) -> URL {
        let url = options.string("data").map { URL(fileURLWithPath: $0) } ?? benchmarks.appendingPathComponent(".data")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The release `accord` binary: --accord, else the one this package builds
    /// from its path dependency (`swift build -c release --product accord`).
    static func accord(_ options: Options) throws -> URL {
        let url = options.string("accord").map { URL(fileURLWithPath: $0) }
            ?? benchmarks.appendingPathComponent(".build/release/accord")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw BenchError("""
                no accord binary at \(url.path)
                build it first:  cd Benchmarks && swift build -c release --product accord
                (or pass --accord PATH to a release build)
                """)
        }
        return url
    }

    /// argv prefix that runs Python: --python, else Benchmarks/.venv, else python3 on PATH.
    static func python(_ options: Options) -> [String] {
        if let p = options.string("python") { return [p] }
        let venv = benchmarks.appendingPathComponent(".venv/bin/python")
        return FileManager.default.isExecutableFile(atPath: venv.path) ? [venv.path] : ["/usr/bin/env", "python3"]
    }

    static func temporary(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("accord-bench-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? FileManager.default.removeItem(at: url)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
