import Store
import Testing

/// `code.defined`'s optional `guid`: the REFI-QDA GUID a code came in with,
/// in one spelling (lowercase 8-4-4-4-12), kept by the projection.
@Suite struct CodeGUIDTests {
    let body: JSONValue = ["name": "fairness", "parent": nil, "description": "", "color": nil, "exclusive": false]

    func with(_ guid: JSONValue) -> JSONValue {
        guard case .object(var fields) = body else { return body }
        fields["guid"] = guid
        return .object(fields)
    }

    @Test func aLowercaseGUIDIsReadAndWrittenBack() throws {
        let action = try Action(.codeDefined, with("6a0f8c5e-2222-4a8b-9c3d-0123456789ab"))
        guard case .codeDefined(let code) = action.body else { Issue.record("not a code.defined"); return }
        #expect(code.guid == "6a0f8c5e-2222-4a8b-9c3d-0123456789ab")
        #expect(action.body.json["guid"] == "6a0f8c5e-2222-4a8b-9c3d-0123456789ab")
        let plain = try Action(.codeDefined, body)
        #expect(plain.body.json["guid"] == nil, "no guid field when there is none")
    }

    @Test func anyOtherSpellingIsABadBody() {
        for guid: JSONValue in ["6A0F8C5E-2222-4A8B-9C3D-0123456789AB", "{6a0f8c5e-2222-4a8b-9c3d-0123456789ab}",
                                "6a0f8c5e22224a8b9c3d0123456789ab", "", 7, nil] {
            #expect(throws: AccordError.self, "\(guid)") { try Action(.codeDefined, with(guid)) }
            do { _ = try Action(.codeDefined, with(guid)) } catch { #expect(error.code == "bad_body", "\(guid)") }
        }
    }
}
