import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with posix_spawn, waited for with wait4 so that its
/// peak RSS (ru_maxrss) and CPU time come back with its exit status.
struct Subprocess {
    struct Result {
        var status: Int32
        var wall: Double
        /// Peak resident set of the child, bytes (ru_maxrss).
        var maxRSS: Int
        var userCPU: Double
        var systemCPU: Double
        var stdout: String
        var stderr: String
    }

    let pid: pid_t
    let started: Double
    let out: URL?
    let err: URL?
    /// Where the `__spawn` helper writes the child's own figures.
    let figures: URL?

    /// glibc's posix_spawn runs the child in the parent's address space until
    /// exec, and Linux carries that address space's high-water mark into the
    /// child's ru_maxrss: a child of this (large) process would report our peak
    /// as its own. So measured children are started through a small helper —
    /// this binary re-run as `accord-bench __spawn FILE ARGV…`, a fresh, small
    /// process — that starts the real child, waits for it, and writes its wall
    /// time, peak RSS and CPU time to FILE.
    static func helper(_ arguments: [String]) -> Never {
        let file = arguments[2]
        let argv = Array(arguments.dropFirst(3))
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var pid: pid_t = 0
        let start = now()
        let rc = posix_spawn(&pid, argv[0], nil, nil, &cargs, environ)
        guard rc == 0 else { FileHandle.standardError.write(Data("cannot start \(argv[0]): \(String(cString: strerror(rc)))\n".utf8)); exit(127) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = now() - start
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let line = "\(code) \(wall) \(Int(usage.ru_maxrss) * 1024) "
            + "\(Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6) "
            + "\(Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6)\n"
        try? line.write(toFile: file, atomically: true, encoding: .utf8)
        exit(code)
    }

    static let executable: String = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]

    /// Starts `argv` (argv[0] is a path, or looked up on PATH), stdout/stderr to
    /// temporary files (or /dev/null).
    static func start(_ command: [String], capture: Bool = true, environment: [String: String] = [:], measured: Bool = true) -> Subprocess {
        let figures = measured ? FileManager.default.temporaryDirectory.appendingPathComponent("accord-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).figures") : nil
        let argv = figures.map { [executable, "__spawn", $0.path] + command } ?? command
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var out: URL? = nil, err: URL? = nil
        if capture {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("accord-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            out = base.appendingPathExtension("out")
            err = base.appendingPathExtension("err")
            posix_spawn_file_actions_addopen(&actions, 1, out!.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, err!.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let envStrings = env.map { "\($0.key)=\($0.value)" }
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cenv: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
        defer {
            for p in cargs { free(p) }
            for p in cenv { free(p) }
        }
        var pid: pid_t = 0
        let started = now()
        let rc = argv[0].contains("/")
            ? posix_spawn(&pid, argv[0], &actions, nil, &cargs, &cenv)
            : posix_spawnp(&pid, argv[0], &actions, nil, &cargs, &cenv)
        guard rc == 0 else { fatalError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        return Subprocess(pid: pid, started: started, out: out, err: err, figures: figures)
    }

    /// Waits for the child and collects its figures.
    func wait() -> Result {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = now() - started
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        func read(_ url: URL?) -> String {
            guard let url else { return "" }
            defer { try? FileManager.default.removeItem(at: url) }
            return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }
        var result = Result(status: code, wall: wall, maxRSS: Int(usage.ru_maxrss) * 1024,
                            userCPU: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
                            systemCPU: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
                            stdout: read(out), stderr: read(err))
        if let figures {
            defer { try? FileManager.default.removeItem(at: figures) }
            let parts = ((try? String(contentsOf: figures, encoding: .utf8)) ?? "").split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
            if parts.count == 5 {
                result.status = Int32(parts[0]) ?? result.status
                result.wall = Double(parts[1]) ?? result.wall
                result.maxRSS = Int(parts[2]) ?? 0
                result.userCPU = Double(parts[3]) ?? 0
                result.systemCPU = Double(parts[4]) ?? 0
            } else {
                result.maxRSS = 0  // the helper failed before it could measure
            }
        }
        return result
    }

    /// The text the child has written to stdout so far.
    func currentOutput() -> String {
        guard let out else { return "" }
        return (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    }

    /// The child's peak resident set so far (VmHWM), bytes.
    func peakRSS() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
        }
        return 0
    }

    func signal(_ sig: Int32) { kill(pid, sig) }

    /// Runs to completion (through the measuring helper).
    static func run(_ argv: [String], capture: Bool = true, environment: [String: String] = [:]) -> Result {
        start(argv, capture: capture, environment: environment).wait()
    }

    /// Runs and fails loudly on a non-zero exit.
    @discardableResult
    static func check(_ argv: [String], environment: [String: String] = [:]) -> Result {
        let r = run(argv, environment: environment)
        guard r.status == 0 else {
            fatalError("`\(argv.joined(separator: " "))` exited \(r.status)\n\(r.stdout)\n\(r.stderr)")
        }
        return r
    }
}

/// `accord serve` in a child process on a free loopback port.
struct ServeProcess {
    let process: Subprocess
    let url: String

    static func start(accord: URL, store: URL) -> ServeProcess {
        let p = Subprocess.start([accord.path, "--store", store.path, "serve", "--listen", "127.0.0.1:0"],
                                 environment: ["LOG_LEVEL": "error"], measured: false)
        let deadline = now() + 60
        while now() < deadline {
            let text = p.currentOutput()
            if let range = text.range(of: "http://127.0.0.1:") {
                let rest = text[range.lowerBound...]
                if let end = rest.firstIndex(where: { $0 == "\n" || $0 == " " }) {
                    return ServeProcess(process: p, url: String(rest[..<end]))
                }
            }
            usleep(20_000)
        }
        p.signal(SIGTERM)
        fatalError("accord serve did not start: \(p.wait().stderr)")
    }

    /// SIGTERM (graceful), then wait; returns the server's own figures.
    func stop() -> Subprocess.Result {
        process.signal(SIGTERM)
        return process.wait()
    }
}
