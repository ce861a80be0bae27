import Foundation

/// Every benchmark's headline figures, written as JSON to
/// .data/results/DATE-COMMAND.json at the end of a run (for the README table).
enum Results {
    nonisolated(unsafe) static var figures: [String: [String: Double]] = [:]

    static func record(_ benchmark: String, _ values: [String: Double]) { figures[benchmark] = values }

    static func write(options: Options) {
        guard !figures.isEmpty else { return }
        let dir = Paths.data(options).appendingPathComponent("results")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let file = dir.appendingPathComponent("\(stamp)-\(options.command)\(options.quick ? "-quick" : "").json")
        let object: [String: Any] = ["command": CommandLine.arguments.dropFirst().joined(separator: " "),
                                     "cores": ProcessInfo.processInfo.activeProcessorCount, "figures": figures]
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) {
            try? data.write(to: file)
            print("\nfigures written to \(file.path)")
        }
    }
}
