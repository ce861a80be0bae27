import Testing
@testable import Store
import AccordTesting

/// RFC 8785 (JCS) against the RFC's own examples.
@Suite struct CanonicalJSONTests {
    /// RFC 8785 §3.2.2: the sample input and its canonical form.
    @Test func rfcSampleObject() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected = #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(CanonicalJSON.string(try JSONParser.parse(input)) == expected)
    }

    /// RFC 8785 §3.2.3: member names sorted by UTF-16 code units.
    @Test func rfcSortingExample() throws {
        let input = #"""
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """#
        let value = try JSONParser.parse(input)
        let keys = CanonicalJSON.sortedKeys(value.objectValue!.keys)
        #expect(keys.map { $0.unicodeScalars.first!.value } == [0x0D, 0x31, 0x80, 0xF6, 0x20AC, 0x1F600, 0xFB33])
    }

    /// RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
    @Test(arguments: [
        (0x0000000000000000, "0"), (0x8000000000000000, "0"), (0x0000000000000001, "5e-324"),
        (0x8000000000000001, "-5e-324"), (0x7fefffffffffffff, "1.7976931348623157e+308"),
        (0xffefffffffffffff, "-1.7976931348623157e+308"), (0x4340000000000000, "9007199254740992"),
        (0xc340000000000000, "-9007199254740992"), (0x4430000000000000, "295147905179352830000"),
        (0x44b52d02c7e14af5, "9.999999999999997e+22"), (0x44b52d02c7e14af6, "1e+23"),
        (0x44b52d02c7e14af7, "1.0000000000000001e+23"), (0x444b1ae4d6e2ef4e, "999999999999999700000"),
        (0x444b1ae4d6e2ef4f, "999999999999999900000"), (0x444b1ae4d6e2ef50, "1e+21"),
        (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"), (0x3eb0c6f7a0b5ed8d, "0.000001"),
        (0x41b3de4355555553, "333333333.3333332"), (0x41b3de4355555554, "333333333.33333325"),
        (0x41b3de4355555555, "333333333.3333333"), (0x41b3de4355555556, "333333333.3333334"),
        (0x41b3de4355555557, "333333333.33333343"), (0xbecbf647612f3696, "-0.0000033333333333333333"),
        (0x43143ff3c1cb0959, "1424953923781206.2"),
    ] as [(UInt64, String)])
    func rfcNumbers(bits: UInt64, expected: String) {
        #expect(CanonicalJSON.string(.double(Double(bitPattern: bits))) == expected)
    }

    @Test func integersAndEscapes() throws {
        #expect(CanonicalJSON.string([-12, 0, 9_007_199_254_740_992]) == "[-12,0,9007199254740992]")
        #expect(CanonicalJSON.string(.string("tab\there \u{1}\u{7f}é😀")) == "\"tab\\there \\u0001\u{7f}é😀\"")
        #expect(CanonicalJSON.string(["b": 1, "a": ["d": true, "c": nil]]) == #"{"a":{"c":null,"d":true},"b":1}"#)
    }
}

/// The parser refuses what two parsers could read differently.
@Suite struct StrictParserTests {
    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "duplicate"), (#"[1,]"#, "unexpected"), (#"{"a":01}"#, "leading zero"),
        (#"9007199254740993"#, "2^53"), (#"-9007199254740993"#, "2^53"), (#""\ud800""#, "surrogate"),
        (#""\udc00x""#, "surrogate"), ("\"a\u{1}\"", "control"), (#"[1] x"#, "trailing"), (#"{"a" 1}"#, "':'"),
        (#"nul"#, "end of input"), (#""\x""#, "escape"),
        (#"1222222e10"#, "2^53"), (#"-9.1e15"#, "2^53"), (#"[12345678901234567.0]"#, "2^53"),
    ] as [(String, String)])
    func refuses(input: String, reason: String) {
        #expect {
            _ = try JSONParser.parse(input)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    /// Whatever parses parses again from its canonical bytes to the same
    /// bytes (found by fuzzing: `1222222e10` once parsed, but its canonical
    /// form `12222220000000000` did not).
    @Test(arguments: ["1e21", "-1e300", "9007199254740992.0", "9.007199254740992e15", "0.5e1", "-0.0", "4.5", "1E30"])
    func canonicalFormParsesBack(input: String) throws {
        let canonical = CanonicalJSON.string(try JSONParser.parse(input))
        #expect(CanonicalJSON.string(try JSONParser.parse(canonical)) == canonical)
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONParser.Failure.self) { _ = try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func readsEscapesAndSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\u00e9\ud83d\ude00\n\/""#) == .string("é😀\n/"))
        #expect(try JSONParser.parse("9007199254740992") == .int(9_007_199_254_740_992))
        #expect(try JSONParser.parse("1.5e3") == .double(1500))
    }
}
