import Testing
@testable import CLI

/// `log --json` writes its lines through `JSONLineWriter` in blocks of a
/// megabyte: lines that straddle a block must come out whole and in order.
@Suite struct JSONLineWriterTests {
    @Test func linesAcrossSeveralBlocksComeOutWholeAndInOrder() {
        let printed = OutputBuffer()
        let lines = (0..<40_000).map { i in Array(#"{"n":\#(i),"pad":"\#(String(repeating: "x", count: i % 97))"}"#.utf8) }
        Output.$capture.withValue(printed) {
            var writer = JSONLineWriter()
            for line in lines { writer.write(line) }
            writer.flush()
            writer.flush()
        }
        let expected = lines.map { String(decoding: $0, as: UTF8.self) + "\n" }.joined()
        #expect(expected.utf8.count > 2 << 20, "spans several blocks")
        #expect(printed.text == expected)
    }
}
