import Foundation
@testable import Interop
import Testing
import ZIPFoundation

/// Each kind of bad file is refused with its code and a one-line message
/// naming the element and line where there is one.
@Suite struct BadInputTests {
    let scratch = ScratchDirectory()

    private func read(_ qde: String, files: [String: String] = [:]) throws -> REFIImport {
        let url = scratch.file("p-\(UUID().uuidString).qdpx")
        try! ZipBuilder.qdpx(qde, files: files, to: url)
        return try QDPXReader.read(url)
    }

    private func refusal(_ body: () throws -> Void) -> InteropError? {
        do { try body() } catch { return error as? InteropError ?? InteropError("unexpected", "\(error)") }
        return nil
    }

    private static let codebook = """
        <CodeBook><Codes><Code guid="C0DE0000-0000-4000-8000-000000000001" name="A" isCodable="true"/></Codes></CodeBook>
        """

    private static func project(_ sources: String, codebook: String = codebook) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Test">
        \(codebook)
        <Sources>
        \(sources)
        </Sources>
        </Project>
        """
    }

    private static func source(start: Int, end: Int, code: String = "C0DE0000-0000-4000-8000-000000000001", path: String = "internal://t.txt") -> String {
        """
        <TextSource guid="50000000-0000-4000-8000-000000000001" name="T" plainTextPath="\(path)">
          <PlainTextSelection guid="5E000000-0000-4000-8000-000000000001" startPosition="\(start)" endPosition="\(end)">
            <Coding guid="C0000000-0000-4000-8000-000000000001"><CodeRef targetGUID="\(code)"/></Coding>
          </PlainTextSelection>
        </TextSource>
        """
    }

    @Test func notAZip() throws {
        let url = scratch.file("plain.qdpx")
        try Data("this is not a zip".utf8).write(to: url)
        let error = refusal { _ = try QDPXReader.read(url) }
        #expect(error?.code == "not_zip")
        let empty = scratch.file("empty.qdpx")
        try Data().write(to: empty)
        #expect(refusal { _ = try QDPXReader.read(empty) }?.code == "not_zip")
    }

    @Test func zipWithoutProjectFile() throws {
        let url = scratch.file("noqde.qdpx")
        try ZipBuilder.write([("sources/a.txt", Data("hello".utf8))], to: url)
        let error = refusal { _ = try QDPXReader.read(url) }
        #expect(error?.code == "no_project_qde")
        #expect(error?.message.contains("project.qde") == true)
    }

    @Test func xmlThatIsNotWellFormed() {
        let error = refusal { _ = try read("<?xml version=\"1.0\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\">\n<Users>\n</Project>") }
        #expect(error?.code == "bad_xml")
        #expect(error?.message.contains("line 4") == true)
    }

    /// Found by fuzzing: FoundationXML traps on an element name that is not
    /// UTF-8, so such bytes must be refused before the parser sees them.
    @Test func bytesThatAreNotUTF8() {
        let error = refusal { _ = try QDCReader.read(Data([0x3C, 0xFF, 0xFF, 0xFF, 0xFF]), file: "fuzzed.qdc") }
        #expect(error?.code == "bad_xml")
        #expect(error?.message.contains("byte 1") == true)
        // A byte-order mark is UTF-8 too.
        let qdc = #"<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="C0DE0000-0000-4000-8000-000000000001" name="Café" isCodable="true"/></Codes></CodeBook>"#
        let read = try? QDCReader.read(Data([0xEF, 0xBB, 0xBF]) + Data(qdc.utf8), file: "bom.qdc")
        #expect(read?.codebook.codes.first?.name == "Café")
    }

    /// Found by fuzzing: FoundationXML reads a null pointer on a processing
    /// instruction without data. None is allowed past the XML declaration;
    /// one inside a comment or CDATA is text, not an instruction.
    @Test func processingInstructionsAreRefused() {
        let error = refusal { _ = try QDCReader.read(Data("<?xml0vtf?>\n  < <".utf8), file: "fuzzed.qdc") }
        #expect(error?.code == "bad_xml")
        #expect(error?.message.contains("processing instruction") == true)
        let later = refusal { _ = try QDCReader.read(Data("<?xml version=\"1.0\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n<?pi?></CodeBook>".utf8), file: "pi.qdc") }
        #expect(later?.message.contains("line 3") == true)
        let quoted = #"<?xml version="1.0" encoding="utf-8"?><!-- <?not one?> --><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="C0DE0000-0000-4000-8000-000000000001" name="A" isCodable="true"><Description><![CDATA[<?nor this?>]]></Description></Code></Codes></CodeBook>"#
        #expect(refusal { _ = try QDCReader.read(Data(quoted.utf8), file: "ok.qdc") } == nil)
    }

    /// Found by fuzzing: a year of nineteen digits overflowed while its
    /// digits were read; such a date is simply not a date.
    @Test func absurdYearsAreNotDates() {
        #expect(REFIDateTime.parse("2024-05-01T10:00:00Z") != nil)
        #expect(REFIDateTime.parse("9999999999999999999-01-01T00:00:00Z") == nil)
        #expect(REFIDateTime.parse("1234567890-01-01T00:00:00Z") == nil)
    }

    @Test func xmlThatIsNotREFI() {
        let error = refusal { _ = try read("<?xml version=\"1.0\"?>\n<html><body/></html>") }
        #expect(error?.code == "not_refi")
        let wrongNamespace = refusal { _ = try read("<Project xmlns=\"urn:example\" name=\"p\"/>") }
        #expect(wrongNamespace?.code == "not_refi")
    }

    @Test func entityDeclarationsAreRefused() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>
            """
        let error = refusal { _ = try read(xml) }
        #expect(error?.code == "bad_xml")
        #expect(error?.message.contains("line 2") == true && error?.message.contains("DOCTYPE") == true)
    }

    @Test func schemaBreakNamesElementAndLine() {
        // A selection without its endPosition.
        let xml = Self.project("""
            <TextSource guid="50000000-0000-4000-8000-000000000001" name="T" plainTextPath="internal://t.txt">
              <PlainTextSelection guid="5E000000-0000-4000-8000-000000000001" startPosition="0">
                <Coding guid="C0000000-0000-4000-8000-000000000001"><CodeRef targetGUID="C0DE0000-0000-4000-8000-000000000001"/></Coding>
              </PlainTextSelection>
            </TextSource>
            """)
        let error = refusal { _ = try read(xml, files: ["sources/t.txt": "hello"]) }
        #expect(error?.code == "schema_violation")
        #expect(error?.message.contains("element `PlainTextSelection` at line 6") == true, "\(error!)")
        #expect(error?.message.contains("endPosition") == true)
        // A malformed GUID.
        let badGUID = Self.project("", codebook: """
            <CodeBook><Codes><Code guid="not-a-guid" name="A" isCodable="true"/></Codes></CodeBook>
            """)
        let guidError = refusal { _ = try read(badGUID) }
        #expect(guidError?.code == "schema_violation")
        #expect(guidError?.message.contains("element `Code` at line 3") == true, "\(guidError!)")
        // A coding without its CodeRef.
        let noRef = Self.project("""
            <TextSource guid="50000000-0000-4000-8000-000000000001" name="T" plainTextPath="internal://t.txt">
              <PlainTextSelection guid="5E000000-0000-4000-8000-000000000001" startPosition="0" endPosition="2">
                <Coding guid="C0000000-0000-4000-8000-000000000001"/>
              </PlainTextSelection>
            </TextSource>
            """)
        let refError = refusal { _ = try read(noRef, files: ["sources/t.txt": "hello"]) }
        #expect(refError?.code == "schema_violation" && refError?.message.contains("element `Coding` at line 7") == true)
    }

    @Test func strictSchemaRefusesWhatTheDefaultTolerates() throws {
        // Sources before CodeBook: out of order; tolerated and counted by default.
        let xml = """
            <Project xmlns="urn:QDA-XML:project:1.0" name="p">
            <Sources>\(Self.source(start: 0, end: 2))</Sources>
            \(Self.codebook)
            </Project>
            """
        let url = scratch.file("order.qdpx")
        try ZipBuilder.qdpx(xml, files: ["sources/t.txt": "hello"], to: url)
        let result = try QDPXReader.read(url)
        #expect(result.summary.schemaDeviations == 1 && result.project.sources[0].selections.count == 1)
        let error = refusal { _ = try QDPXReader.read(url, options: REFIReadOptions(strictSchema: true)) }
        #expect(error?.code == "schema_violation" && error?.message.contains("out of order") == true)
    }

    @Test func selectionOutsideItsText() {
        let error = refusal { _ = try read(Self.project(Self.source(start: 2, end: 9)), files: ["sources/t.txt": "hello"]) }
        #expect(error?.code == "selection_out_of_range")
        #expect(error?.message.contains("element `PlainTextSelection` at line") == true)
        #expect(error?.message.contains("endPosition 9") == true)
        let reversed = refusal { _ = try read(Self.project(Self.source(start: 4, end: 2)), files: ["sources/t.txt": "hello"]) }
        #expect(reversed?.code == "selection_out_of_range")
    }

    @Test func codingOfAnUnknownCode() {
        let error = refusal {
            _ = try read(Self.project(Self.source(start: 0, end: 2, code: "{0BADC0DE-0000-4000-8000-000000000000}")),
                         files: ["sources/t.txt": "hello"])
        }
        #expect(error?.code == "unknown_code")
        #expect(error?.message.contains("{0BADC0DE-0000-4000-8000-000000000000}") == true)
        #expect(error?.message.contains("element `CodeRef` at line") == true)
    }

    @Test func sourceFileMissingFromTheZip() {
        let error = refusal { _ = try read(Self.project(Self.source(start: 0, end: 2)), files: ["sources/other.txt": "hello"]) }
        #expect(error?.code == "missing_source")
        #expect(error?.message.contains("internal://t.txt") == true && error?.message.contains("element `TextSource`") == true)
    }

    @Test func pathsInEveryForm() throws {
        for (path, entry) in [
            ("internal://t.txt", "sources/t.txt"), ("internal://t.txt", "Sources/t.txt"), ("t.txt", "t.txt"),
            ("sources\\t.txt", "sources/t.txt"), ("C:\\Users\\me\\Documents\\t.txt", "sources/t.txt"),
            ("internal://my%20text.txt", "sources/my text.txt"), ("file:///home/me/t.txt", "sources/t.txt"),
        ] {
            let result = try read(Self.project(Self.source(start: 0, end: 2, path: path)), files: [entry: "hello"])
            #expect(result.project.sources[0].text == "hello", "\(path)")
        }
    }

    @Test func duplicateGUIDs() {
        let xml = Self.project("", codebook: """
            <CodeBook><Codes><Code guid="C0DE0000-0000-4000-8000-000000000001" name="A" isCodable="true"/>
            <Code guid="{c0de0000-0000-4000-8000-000000000001}" name="B" isCodable="true"/></Codes></CodeBook>
            """)
        let error = refusal { _ = try read(xml) }
        #expect(error?.code == "duplicate_guid" && error?.message.contains("line 4") == true)
    }

    @Test func textThatIsNotUTF8() {
        let url = scratch.file("latin1.qdpx")
        try! ZipBuilder.write([("project.qde", Data(Self.project(Self.source(start: 0, end: 2)).utf8)),
                               ("sources/t.txt", Data([0x63, 0x61, 0x66, 0xE9, 0xFF]))], to: url)
        #expect(refusal { _ = try QDPXReader.read(url) }?.code == "not_utf8")
    }

    // MARK: Zip bombs

    @Test func honestlyHugeEntryIsRefusedBeforeInflating() throws {
        // 2 GiB of zeros in about 3 MB, with true sizes: refused from the sizes it declares.
        let repeats = 8_323_200
        let size = UInt32(1 + 258 * repeats)
        let url = scratch.file("huge.qdpx")
        try ZipBomb.archive(path: "project.qde", repeats: repeats, declaredSize: size).write(to: url)
        let clock = ContinuousClock()
        let start = clock.now
        let error = refusal { _ = try QDPXReader.read(url) }
        #expect(error?.code == "zip_limit")
        #expect(error?.message.contains("declares more than") == true, "\(error!)")
        #expect(clock.now - start < .seconds(5))
    }

    @Test func entryThatLiesAboutItsSizeStopsAtTheFirstChunkPastIt() throws {
        // Claims 1,000 bytes, inflates to 2 GiB: extraction stops after one 64 KiB chunk.
        let url = scratch.file("liar.qdpx")
        try ZipBomb.archive(path: "project.qde", repeats: 8_323_200, declaredSize: 1_000).write(to: url)
        let clock = ContinuousClock()
        let start = clock.now
        let error = refusal { _ = try QDPXReader.read(url) }
        #expect(error?.code == "zip_limit")
        #expect(error?.message.contains("inflates past the 1000 bytes it declares") == true, "\(error!)")
        #expect(clock.now - start < .seconds(5))
    }

    @Test func compressionRatioLimit() throws {
        // About 1 MiB of zeros deflated about 690:1, sizes true: past the 200:1 limit.
        let repeats = 4_100
        let url = scratch.file("ratio.qdpx")
        try ZipBomb.archive(path: "project.qde", repeats: repeats, declaredSize: UInt32(1 + 258 * repeats)).write(to: url)
        let error = refusal { _ = try QDPXReader.read(url) }
        #expect(error?.code == "zip_limit" && error?.message.contains("compression") == true, "\(error!)")
    }

    @Test func theHandMadeDeflateStreamIsRealDeflate() throws {
        // With limits that allow it, the same construction inflates to exactly its zeros.
        let repeats = 1_000
        let zeros = Data(count: 1 + 258 * repeats)
        let url = scratch.file("zeros.zip")
        try ZipBomb.archive(path: "zeros.bin", repeats: repeats, declaredSize: UInt32(zeros.count),
                            crc: zeros.crc32(checksum: 0)).write(to: url)
        let reader = try SafeZipReader(url: url, limits: ZipLimits(maxCompressionRatio: 10_000))
        #expect(try reader.read("zeros.bin") == zeros)
    }

    @Test func entryCountAndTotalSizeLimits() throws {
        let url = scratch.file("many.qdpx")
        try ZipBuilder.qdpx(Self.project(Self.source(start: 0, end: 2)),
                            files: (0..<6).reduce(into: ["sources/t.txt": String(repeating: "x", count: 3_000)]) { $0["extra/\($1).txt"] = "x" },
                            to: url)
        let tooMany = refusal { _ = try QDPXReader.read(url, options: REFIReadOptions(limits: ZipLimits(maxEntries: 5))) }
        #expect(tooMany?.code == "zip_limit" && tooMany?.message.contains("more than 5 entries") == true)
        let tooBig = refusal { _ = try QDPXReader.read(url, options: REFIReadOptions(limits: ZipLimits(maxTotalBytes: 2_000))) }
        #expect(tooBig?.code == "zip_limit" && tooBig?.message.contains("in all") == true)
        #expect(try QDPXReader.read(url).project.sources.count == 1)
    }

    @Test func damagedEntryIsRefused() throws {
        // A stored entry whose CRC does not match its bytes.
        let url = scratch.file("damaged.qdpx")
        let qde = Array(Self.project("").utf8)
        try ZipBomb.archive(entries: [("project.qde", qde, UInt32(qde.count), 0, 0x1234_5678)]).write(to: url)
        #expect(refusal { _ = try QDPXReader.read(url) }?.code == "not_zip")
    }
}
