import Foundation
import Testing
@testable import Store

/// `Event(stored:)` reads well-formed canonical bytes field by field
/// (`StoredEnvelope`) and leaves everything else to the general JSON reader:
/// both must read every event alike, and every fault must still be named by
/// the general reader.
@Suite struct StoredEnvelopeTests {
    /// The stored path as it was: the general JSON tree, no id re-check.
    static func general(_ line: [UInt8]) -> Result<Event, AccordError> {
        Result { () throws(AccordError) -> Event in
            let value: JSONValue
            do { value = try JSONParser.parse(line) } catch { throw .malformed("stored event is not JSON: \(error)") }
            return try Event(value: value, bytes: line, checkID: false)
        }
    }

    static func allVectorLines() throws -> [(name: String, line: [UInt8])] {
        var out = try Vectors.golden().map { ("golden", $0) }
        for folder in ["scenarios", "invalid"] {
            let directory = Vectors.directory.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where file.hasSuffix(".jsonl") {
                out += try Vectors.lines(directory.appendingPathComponent(file)).map { ("\(folder)/\(file)", $0) }
            }
        }
        return out
    }

    @Test func everyVectorIsReadAsTheGeneralReaderReadsIt() throws {
        var fast = 0
        for (name, line) in try Self.allVectorLines() {
            let general = Self.general(line)
            guard let read = StoredEnvelope.read(line) else {
                if case .success = general, name == "golden" { Issue.record("a golden event left to the general reader") }
                continue
            }
            fast += 1
            let expected = try #require(try? general.get(), "\(name): read fast but refused by the general reader")
            #expect(read.unsigned == expected.unsigned, "\(name)")
            #expect(read.signature == expected.signature && read.bytes == line, "\(name)")
        }
        #expect(fast >= 43)
    }

    @Test func bytesOffTheCanonicalShapeAreLeftToTheGeneralReader() throws {
        let line = try Vectors.golden()[5]
        let text = String(decoding: line, as: UTF8.self)
        let variants = [
            text.replacingOccurrences(of: "\"author\":", with: "\"author\" :"),  // whitespace
            text.replacingOccurrences(of: ",\"v\":1}", with: ",\"v\":1,\"x\":0}"),  // an unknown field
            text.replacingOccurrences(of: ",\"v\":1}", with: ",\"v\":2}"),  // another version
            text.replacingOccurrences(of: "\"seq\":", with: "\"seq\":0"),  // a leading zero
            String(text.dropLast()),  // cut short
        ]
        for variant in variants {
            let bytes = Array(variant.utf8)
            #expect(StoredEnvelope.read(bytes) == nil, "\(variant.prefix(60))")
            let stored = Result { () throws(AccordError) -> Event in try Event(stored: bytes) }
            switch (stored, Self.general(bytes)) {
            case (.success(let a), .success(let b)): #expect(a.unsigned == b.unsigned)
            case (.failure(let a), .failure(let b)): #expect(a.code == b.code && a.message == b.message)
            default: Issue.record("the stored path and the general reader disagree on \(variant.prefix(60))")
            }
        }
    }
}
