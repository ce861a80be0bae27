import Foundation
#if canImport(Glibc)
import Glibc
#endif

// accord-bench: the reproducible performance figures of issues 2, 3 and 4.
// Build and run in release:  cd Benchmarks && swift build -c release && .build/release/accord-bench all
if CommandLine.arguments.count > 3, CommandLine.arguments[1] == "__spawn" { Subprocess.helper(CommandLine.arguments) }
signal(SIGPIPE, SIG_IGN)


let options = Options(CommandLine.arguments)
let benchmarks: [(String, (Options) throws -> Void)] = [
    ("append", AppendBench.run),
    ("rebuild", RebuildBench.run),
    ("apply-cold", ApplyColdBench.run),
    ("agreement", AgreementBench.run),
    ("trend", TrendBench.run),
    ("adjudication", AdjudicationBench.run),
    ("clone", CloneBench.run),
    ("sync-wire", SyncWireBench.run),
    ("load", LoadBench.run),
    ("reads", ReadsBench.run),
]

#if DEBUG
FileHandle.standardError.write(Data("warning: this is a DEBUG build; figures are meaningless. Use `swift build -c release`.\n".utf8))
#endif

let selected: [(String, (Options) throws -> Void)]
switch options.command {
case "all": selected = benchmarks
case "help", "-h", "--help":
    print(Options.usage)
    exit(0)
default:
    let names = options.command.split(separator: ",").map(String.init)
    selected = names.map { name in
        guard let b = benchmarks.first(where: { $0.0 == name }) else {
            print("unknown benchmark `\(name)`\n\n\(Options.usage)")
            exit(2)
        }
        return b
    }
}

print("accord-bench \(CommandLine.arguments.dropFirst().joined(separator: " ")) — \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ISO8601DateFormatter().string(from: Date())), load average \(loadAverage())")
fflush(nil)
let started = now()
var failed: [String] = []
for (name, run) in selected {
    do { try run(options) } catch {
        print("\n== \(name) FAILED: \(error)")
        failed.append(name)
    }
}
Results.write(options: options)
print(String(format: "\ndone in %.0f s", now() - started) + (failed.isEmpty ? "" : "; failed: \(failed.joined(separator: ", "))"))
exit(failed.isEmpty ? 0 : 1)
