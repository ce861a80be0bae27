import Foundation
import Testing

/// `accord codebook export FILE.qdc`.
@Suite struct CodebookExportTests {
    @Test func theCodeTreeExportsWithStableGUIDs() throws {
        let p = try Project.make()
        #expect(p.must("codebook", "export", "a.qdc").out.contains("wrote 6 codes"))
        p.must("codebook", "export", "b.qdc")
        let a = try Data(contentsOf: p.dir.appendingPathComponent("a.qdc"))
        let b = try Data(contentsOf: p.dir.appendingPathComponent("b.qdc"))
        #expect(a == b, "the same codebook exports with the same bytes")
        let xml = String(decoding: a, as: UTF8.self)
        #expect(xml.contains("<CodeBook"))
        for name in ["values", "helpfulness", "honesty", "data", "red-teaming", "synthetic data"] {
            #expect(xml.contains("name=\"\(name)\""), "\(name) missing from \(xml)")
        }
        #expect(xml.contains("What the developer says the model should hold"))
        #expect(xml.lowercased().contains("color=\"#00aa00\""))
        // helpfulness is nested inside values.
        let values = try #require(xml.range(of: "name=\"values\""))
        let helpfulness = try #require(xml.range(of: "name=\"helpfulness\""))
        let data = try #require(xml.range(of: "name=\"data\""))
        #expect(values.lowerBound < helpfulness.lowerBound)
        #expect(data.lowerBound < values.lowerBound || data.lowerBound > helpfulness.lowerBound)
        let guids = xml.matches(of: /guid="([0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12})"/)
        #expect(guids.count == 6)
    }

    @Test func anExportIntoAMissingFolderWritesNothing() throws {
        let p = try Project.make()
        expectError(p.accord("codebook", "export", "nowhere/a.qdc"), "write_failed", mentions: ["nowhere"])
    }

    @Test func anEmptyCodebookIsRefused() throws {
        let p = try Project.emptyFolder()
        p.must("init", "--name", "empty", "--as", "lena")
        expectError(p.accord("codebook", "export", "a.qdc"), "empty_codebook")
        #expect(!FileManager.default.fileExists(atPath: p.dir.appendingPathComponent("a.qdc").path))
    }
}
