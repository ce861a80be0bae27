import Foundation
import Interop
import Testing

@Suite struct TidyCSVTests {
    @Test func writesRFC4180RowsWithQuotedText() throws {
        let scratch = ScratchDirectory()
        let url = scratch.file("codings.csv")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let t = Date(timeIntervalSince1970: 1_717_000_000.25)
        let rows = [
            TidyCodingRow(coder: "Ana", document: "Interview, part 1", start: 0, end: 5, code: "Mood/positive",
                          text: "He said \"fine\"\nthen left", time: t, coding: "c1"),
            TidyCodingRow(coder: "Ben Ørsted", document: "Café", start: 3, end: 9, code: "Topic", text: "😀 plain", time: t, coding: "c2"),
        ]
        var calls: [(Int, Int)] = []
        try TidyCSVWriter.write(rows, to: handle, total: rows.count) { calls.append(($0, $1)) }
        try handle.close()
        let csv = try String(contentsOf: url, encoding: .utf8)
        #expect(csv == "coder,document,start,end,code,text,time,coding\r\n"
            + "Ana,\"Interview, part 1\",0,5,Mood/positive,\"He said \"\"fine\"\"\nthen left\",2024-05-29T16:26:40.250Z,c1\r\n"
            + "Ben Ørsted,Café,3,9,Topic,😀 plain,2024-05-29T16:26:40.250Z,c2\r\n")
        #expect(calls.first! == (0, 2) && calls.last! == (2, 2))
    }

    @Test func streamsManyRowsToAPipe() async throws {
        let pipe = Pipe()
        let rows = (0..<5_000).lazy.map {
            TidyCodingRow(coder: "c", document: "d", start: $0, end: $0 + 1, code: "x", text: "t", time: Date(timeIntervalSince1970: 0), coding: "\($0)")
        }
        let reader = Task.detached { pipe.fileHandleForReading.readDataToEndOfFile() }
        try TidyCSVWriter.write(rows, to: pipe.fileHandleForWriting, total: 5_000)
        try pipe.fileHandleForWriting.close()
        let text = String(decoding: await reader.value, as: UTF8.self)
        let lines = text.split(separator: "\r\n")
        #expect(lines.count == 5_001)
        #expect(lines.last == "c,d,4999,5000,x,t,1970-01-01T00:00:00.000Z,4999")
    }

    @Test func writingToAClosedHandleFails() throws {
        let scratch = ScratchDirectory()
        let url = scratch.file("closed.csv")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forReadingFrom: url)
        let error: InteropError? = {
            do {
                try TidyCSVWriter.write([TidyCodingRow(coder: "a", document: "b", start: 0, end: 1, code: "c", text: "d",
                                                       time: Date(), coding: "e")], to: handle, total: 1)
                return nil
            } catch { return error as? InteropError }
        }()
        #expect(error?.code == "io_error")
    }
}
