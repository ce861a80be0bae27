import Foundation
import Testing
@testable import Store

/// The value encoder gives the same tree as writing with `JSONEncoder` and
/// parsing the bytes back, which is what commands printed before it existed.
@Suite struct JSONValueEncoderTests {
    struct Inner: Encodable, Equatable { var path = "parent/child"; var score: Double? = 0.25; var missing: Int? = nil }
    struct Report: Encodable {
        var name = "naïve \"quote\""
        var count = 3
        var whole = 2.0
        var flags = [true, false]
        var inner = [Inner(), Inner(path: "a", score: nil)]
        var byName = ["z": 1, "a": 2, "Ä": 3]
        var nothing: String? = nil

        enum CodingKeys: String, CodingKey { case name, count, whole, flags, inner, byName = "by_name", nothing, explicitNull }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(count, forKey: .count)
            try c.encode(whole, forKey: .whole)
            try c.encode(flags, forKey: .flags)
            try c.encode(inner, forKey: .inner)
            try c.encode(byName, forKey: .byName)
            try c.encodeIfPresent(nothing, forKey: .nothing)
            try c.encode(nothing, forKey: .explicitNull)
        }
    }

    @Test func matchesEncodingThenParsing() throws {
        let direct = try JSONValueEncoder.encode(Report())
        let viaBytes = try JSONParser.parse(Array(JSONEncoder().encode(Report())))
        #expect(CanonicalJSON.string(direct) == CanonicalJSON.string(viaBytes))
        #expect(direct["nothing"] == nil)
        #expect(direct["explicitNull"] == .null)
        #expect(direct["inner"]?.arrayValue?.first?["path"] == .string("parent/child"))
        #expect(CanonicalJSON.string(direct).contains("parent/child"))
    }

    @Test func refusesNumbersJSONCannotHold() {
        #expect(throws: EncodingError.self) { try JSONValueEncoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder.encode(["x": Double.infinity]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder.encode(UInt64.max) }
    }
}
