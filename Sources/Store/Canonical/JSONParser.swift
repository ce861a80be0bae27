/// A strict JSON parser (RFC 8259) over bytes.
///
/// Strict where lenient parsers guess: duplicate member names, lone
/// surrogates, invalid UTF-8 and integers beyond ±2^53 are errors, because an
/// event that two parsers could read differently must not be accepted at all.
public struct JSONParser {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "\(message) at byte \(offset)" }
    }

    /// ±2^53: the integers every JSON implementation represents exactly.
    public static let maxSafeInteger: Int64 = 9_007_199_254_740_992

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> JSONValue in
            var parser = Cursor(bytes: buffer)
            parser.skipWhitespace()
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            guard parser.index == buffer.count else { throw parser.fail("trailing characters after the JSON value") }
            return value
        }
    }

    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Parses `bytes`, one JSON object, as strictly as `parse`, but hands
    /// each element of the array under its member `key` to `element` as soon
    /// as it is read, without keeping it: a large array (a sync page's
    /// events) never stands as one tree of values. Returns the object
    /// without that member, and whether it was there as an array (any
    /// other value under `key` stays in the object).
    public static func parse(_ bytes: [UInt8], streaming key: String,
                             _ element: (JSONValue) -> Void) throws(Failure) -> (rest: JSONValue, streamed: Bool) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> (rest: JSONValue, streamed: Bool) in
            var parser = Cursor(bytes: buffer)
            parser.skipWhitespace()
            guard parser.index < buffer.count, buffer[parser.index] == UInt8(ascii: "{") else { throw parser.fail("expected an object") }
            let (rest, streamed) = try parser.object(depth: 0, streaming: key, element)
            parser.skipWhitespace()
            guard parser.index == buffer.count else { throw parser.fail("trailing characters after the JSON value") }
            return (rest, streamed)
        }
    }

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func fail(_ message: String) -> Failure { Failure(message: message, offset: index) }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ literal: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw fail("unexpected end of input") }
            for i in 0..<count where bytes[index + i] != literal.utf8Start[i] {
                throw fail("invalid literal")
            }
            index += count
            return value
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard depth < 128 else { throw fail("nesting deeper than 128") }
            guard index < bytes.count else { throw fail("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try expect("true", .bool(true))
            case UInt8(ascii: "f"): return try expect("false", .bool(false))
            case UInt8(ascii: "n"): return try expect("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw fail("unexpected character")
            }
        }

        mutating func object(depth: Int) throws(Failure) -> JSONValue {
            try object(depth: depth, streaming: nil, { _ in }).value
        }

        /// An object; with `streaming`, the elements of the array under that
        /// member go to `element` one by one instead of into the object.
        mutating func object(depth: Int, streaming: String?,
                             _ element: (JSONValue) -> Void) throws(Failure) -> (value: JSONValue, streamed: Bool) {
            index += 1
            var members: [String: JSONValue] = [:]
            var streamed = false
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return (.object(members), false) }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
                let keyOffset = index
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                index += 1
                skipWhitespace()
                if key == streaming, index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                    guard !streamed, members[key] == nil else {
                        throw Failure(message: "duplicate member name \"\(key)\"", offset: keyOffset)
                    }
                    try elements(depth: depth + 1, element)
                    streamed = true
                } else {
                    let member = try value(depth: depth + 1)
                    if members.updateValue(member, forKey: key) != nil || (streamed && key == streaming) {
                        throw Failure(message: "duplicate member name \"\(key)\"", offset: keyOffset)
                    }
                }
                skipWhitespace()
                guard index < bytes.count else { throw fail("unexpected end of input") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return (.object(members), streamed) }
                throw fail("expected ',' or '}'")
            }
        }

        mutating func array(depth: Int) throws(Failure) -> JSONValue {
            index += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw fail("unexpected end of input") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        }

        /// An array whose elements go to `each` as they are read, not kept.
        mutating func elements(depth: Int, _ each: (JSONValue) -> Void) throws(Failure) {
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
            while true {
                skipWhitespace()
                each(try value(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw fail("unexpected end of input") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return }
                throw fail("expected ',' or ']'")
            }
        }

        mutating func number() throws(Failure) -> JSONValue {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw fail("leading zero in number") }
            } else {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            var isInteger = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid fraction") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid exponent") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if isInteger {
                guard let value = Int64(text), value.magnitude <= UInt64(JSONParser.maxSafeInteger) else {
                    throw Failure(message: "integer beyond ±2^53", offset: start)
                }
                return .int(value)
            }
            guard let value = Double(text), value.isFinite else { throw Failure(message: "number out of range", offset: start) }
            // `1222222e10` is an integer however it is written, and its
            // canonical form (plain digits below 1e21, RFC 8785) would be
            // refused above: refuse it here too, so that whatever parses
            // also parses again from its canonical bytes.
            if value == value.rounded(), value.magnitude > Double(JSONParser.maxSafeInteger), value.magnitude < 1e21 {
                throw Failure(message: "integer beyond ±2^53", offset: start)
            }
            return .double(value)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail("truncated \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[index]
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                default: throw fail("invalid \\u escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        mutating func string() throws(Failure) -> String {
            index += 1
            let start = index
            // Fast path: no escapes, plain UTF-8 up to the closing quote.
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    guard let s = String(validating: slice, as: UTF8.self) else {
                        throw Failure(message: "invalid UTF-8 in string", offset: start)
                    }
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw fail("unescaped control character in string") }
                index += 1
            }
            var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    index += 1
                    guard let s = String(validating: utf8, as: UTF8.self) else {
                        throw Failure(message: "invalid UTF-8 in string", offset: start)
                    }
                    return s
                }
                if b < 0x20 { throw fail("unescaped control character in string") }
                if b != UInt8(ascii: "\\") { utf8.append(b); index += 1; continue }
                index += 1
                guard index < bytes.count else { throw fail("unterminated escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): utf8.append(0x22)
                case UInt8(ascii: "\\"): utf8.append(0x5C)
                case UInt8(ascii: "/"): utf8.append(0x2F)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("lone surrogate in string")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("lone surrogate in string") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw fail("lone surrogate in string")
                    }
                    utf8.append(contentsOf: String(Unicode.Scalar(scalar)!).utf8)
                default: throw fail("invalid escape")
                }
            }
            throw Failure(message: "unterminated string", offset: start - 1)
        }
    }
}
