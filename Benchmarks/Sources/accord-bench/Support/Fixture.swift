import Agreement
import Foundation
import GRDB
import Project
import Store

/// A reproducible pseudo-random generator (SplitMix64), so every generated
/// store, text and coding is the same on every run with the same seed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

/// Plain ASCII prose, paragraphs separated by blank lines.
enum TextMaker {
    static let words = """
        the coder reads each passage and marks what the developer says about honesty harm data model \
        users feedback safety policy training evaluation red teaming preference synthetic review team \
        values practice release risk annotation guideline interview report we our they system people
        """.split(separator: " ").map(String.init)

    static func paragraph(_ rng: inout SeededRandom, characters: Int) -> String {
        var s = ""
        s.reserveCapacity(characters + 16)
        while s.utf8.count < characters {
            if !s.isEmpty { s += " " }
            s += words[Int(rng.next() % UInt64(words.count))]
        }
        return s + "."
    }

    /// A document of `paragraphs` paragraphs of about `characters` each.
    static func document(_ rng: inout SeededRandom, paragraphs: Int, characters: Int) -> String {
        (0..<paragraphs).map { _ in paragraph(&rng, characters: characters) }.joined(separator: "\n\n") + "\n"
    }
}

/// A project made for a benchmark: seeded keys (so caches stay valid), a lead,
/// coders, an auditor `reader` (for clones), documents and a flat codebook.
struct BenchProject {
    let root: URL
    let store: Store
    let lead: SigningKey
    var coders: [(name: String, key: SigningKey)]
    var documents: [(id: String, title: String, text: String)]
    var codes: [(id: String, path: String)]

    static func key(_ name: String) -> SigningKey { SigningKey(seed: "accord-bench/\(name)") }

    /// Creates the project in `root/.accord`.
    static func create(at root: URL, coders: [String], documents texts: [String], codes: Int,
                       extraMembers: [(String, Role)] = [("reader", .auditor)]) throws -> BenchProject {
        let directory = root.appendingPathComponent(Store.directoryName)
        let keyring = Keyring(directory: directory.appendingPathComponent("keys"))
        let lead = key("lead")
        try keyring.store(lead, as: "lead")
        let store = try Replica.initialize(at: root, projectName: "accord-bench", as: "lead").store
        var coderKeys: [(String, SigningKey)] = []
        for name in coders {
            let k = key(name)
            try keyring.store(k, as: name)
            try Replica(store: store).addMember(name: name, key: k.publicHex, role: .coder, by: lead)
            coderKeys.append((name, k))
        }
        for (name, role) in extraMembers {
            let k = key(name)
            try keyring.store(k, as: name)
            try Replica(store: store).addMember(name: name, key: k.publicHex, role: role, by: lead)
        }
        var documents: [(String, String, String)] = []
        let titled = texts.enumerated().map { (Data($0.element.utf8), String(format: "doc-%05d", $0.offset + 1)) }
        var start = 0
        while start < titled.count {  // batches of ~8 MB of text
            var end = start, size = 0
            while end < titled.count, end == start || size + titled[end].0.count < 8 << 20 { size += titled[end].0.count; end += 1 }
            let events = try Replica(store: store).addDocuments(Array(titled[start..<end]), by: lead)
            for (i, e) in events.enumerated() { documents.append((e.id, titled[start + i].1, texts[start + i])) }
            start = end
        }
        var codeList: [(String, String)] = []
        for c in 0..<codes {
            let name = String(format: "c%02d", c + 1)
            let e = try Replica(store: store).defineCode(CodeDefinition(name: name), by: lead)
            codeList.append((e.id, name))
        }
        return BenchProject(root: root, store: store, lead: lead, coders: coderKeys, documents: documents, codes: codeList)
    }

    /// Opens a project this program made earlier.
    static func open(at root: URL, coders: [String]) throws -> BenchProject {
        let store = try Store(directory: root.appendingPathComponent(Store.directoryName))
        let (catalog, documents) = try store.read { view in
            let catalog = try view.catalog()
            let documents = try catalog.documents.sorted { $0.title < $1.title }.map { (d) throws(AccordError) in
                (d.id, d.title, try view.documentText(d.id) ?? "")
            }
            return (catalog, documents)
        }
        return BenchProject(root: root, store: store, lead: key("lead"), coders: coders.map { ($0, key($0)) },
                            documents: documents, codes: catalog.codes.map { ($0.id, $0.path) })
    }

    static func coding(document: String, code: String, start: Int, end: Int) -> Action {
        Action(.segmentCoded(SegmentCoded(document: EventID(hex: document)!, code: EventID(hex: code)!,
                                          start: Int64(start), end: Int64(end))))
    }

    /// Folds the WAL into the main file, so a cached store opens like a settled one.
    func checkpoint() throws {
        try StoreFile.checkpoint(store)
    }

    func eventCount() throws -> Int {
        try StoreFile.read(store) { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0 }
    }
}

extension FileManager {
    func directorySize(_ url: URL) -> Int {
        guard let e = enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey]) else { return 0 }
        var total = 0
        for case let f as URL in e { total += (try? f.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0 }
        return total
    }
}
