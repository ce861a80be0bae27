import Testing
@testable import Store

/// `JSONParser.parse(_:streaming:_:)` reads an object as strictly as
/// `parse`, handing the elements of one array member out one by one: what
/// it hands out and what it returns together are exactly what `parse`
/// reads, and whatever `parse` refuses it refuses.
@Suite struct JSONStreamingTests {
    static func streamed(_ text: String, _ key: String = "events") throws -> (rest: JSONValue, streamed: Bool, elements: [JSONValue]) {
        var elements: [JSONValue] = []
        let (rest, streamed) = try JSONParser.parse(Array(text.utf8), streaming: key) { elements.append($0) }
        return (rest, streamed, elements)
    }

    @Test(arguments: [
        #"{"events":[],"more":false}"#,
        #"{"events":[{"a":1,"b":[1,2,{"c":null}]},"x",3,true],"heads":{"k":2},"more":true}"#,
        #" { "more" : true , "events" : [ { "author" : "a\u0041" , "seq" : 1 } , [ [ ] ] ] } "#,
        #"{"heads":{"events":[1]},"events":[{"events":[2]}]}"#,
    ])
    func theElementsAndTheRestAreWhatParseReads(text: String) throws {
        let whole = try JSONParser.parse(text)
        let (rest, streamed, elements) = try Self.streamed(text)
        #expect(streamed)
        #expect(.array(elements) == whole["events"])
        var others = whole.objectValue!
        others["events"] = nil
        #expect(rest == .object(others))
    }

    @Test func aMemberThatIsNoArrayOrIsMissingStaysAsItIs() throws {
        let missing = try Self.streamed(#"{"more":false}"#)
        #expect(!missing.streamed && missing.elements.isEmpty && missing.rest == ["more": false])
        let string = try Self.streamed(#"{"events":"none","more":false}"#)
        #expect(!string.streamed && string.elements.isEmpty && string.rest["events"] == "none")
    }

    @Test(arguments: [
        #"{"events":[1],"events":[2]}"#,
        #"{"events":"x","events":[2]}"#,
        #"{"events":[1],"events":"x"}"#,
        #"{"events":[1,]}"#,
        #"{"events":[{"a":1,"a":2}]}"#,
        #"{"events":[1]} x"#,
        #"{"events":[9007199254740993]}"#,
        #"{"events":["\ud800"]}"#,
        #"{"events":[1"#,
    ])
    func whatParseRefusesIsRefused(text: String) {
        #expect(throws: JSONParser.Failure.self) { _ = try JSONParser.parse(text) }
        #expect(throws: JSONParser.Failure.self) { _ = try Self.streamed(text) }
    }

    @Test(arguments: [#"[{"events":[1]}]"#, #""events""#, "3", "null"])
    func anythingButAnObjectIsRefused(text: String) {
        #expect(throws: JSONParser.Failure.self) { _ = try Self.streamed(text) }
    }
}
