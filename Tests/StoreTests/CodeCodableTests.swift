import AccordTesting
import Foundation
import GRDB
import Project
import Store
import Testing

/// `codable` of `code.defined` and `code.changed`: false for a category that
/// only groups other codes; absent means true, and writers write it only
/// when false, so codable codes' events and digests stay as they were.
@Suite struct CodeCodableTests {
    let body: JSONValue = ["name": "themes", "parent": nil, "description": "", "color": nil, "exclusive": false]

    func with(_ codable: JSONValue) -> JSONValue {
        guard case .object(var fields) = body else { return body }
        fields["codable"] = codable
        return .object(fields)
    }

    func code(_ p: TestProject, _ path: String) throws -> Catalog.Code {
        try p.store.catalog().code(named: path)
    }

    @Test func falseIsReadAndWrittenBackAndTrueIsTheDefault() throws {
        let grouping = try Action(.codeDefined, with(false))
        guard case .codeDefined(let defined) = grouping.body else { Issue.record("not a code.defined"); return }
        #expect(!defined.codable)
        #expect(grouping.body.json["codable"] == false)
        let plain = try Action(.codeDefined, body)
        guard case .codeDefined(let plainDefined) = plain.body else { Issue.record("not a code.defined"); return }
        #expect(plainDefined.codable)
        #expect(plain.body.json["codable"] == nil, "no codable field for a codable code")
        let explicit = try Action(.codeDefined, with(true))
        guard case .codeDefined(let explicitDefined) = explicit.body else { Issue.record("not a code.defined"); return }
        #expect(explicitDefined.codable, "an explicit true means what its absence means")
    }

    @Test func codableAloneIsAChangeAndANonBooleanIsABadBody() throws {
        let code = String(repeating: "a", count: 64)
        let change = try Action(.codeChanged, ["code": .string(code), "base": [], "codable": true])
        guard case .codeChanged(let changed) = change.body else { Issue.record("not a code.changed"); return }
        #expect(changed.codable == true)
        #expect(changed.changedFields == ["codable"])
        for value: JSONValue in ["false", 0, nil] {
            do { _ = try Action(.codeDefined, with(value)); Issue.record("accepted \(value)") } catch { #expect(error.code == "bad_body") }
            do {
                _ = try Action(.codeChanged, ["code": .string(code), "base": [], "codable": value])
                Issue.record("accepted \(value)")
            } catch { #expect(error.code == "bad_body") }
        }
    }

    @Test func theProjectionKeepsItAndCodeChangedEditsIt() throws {
        let p = try TestProject()
        let event = try p.craft(.codeDefined, with(false), by: p.lead)
        #expect(try p.receive(event.bytes) == .accepted)
        #expect(try !code(p, "themes").codable)
        #expect(try code(p, "values").codable, "a code.defined without the field is codable")
        try p.replica.changeCode("themes", codable: true, by: p.lead)
        #expect(try code(p, "themes").codable)
        try p.replica.changeCode("values", codable: false, by: p.lead)
        #expect(try !code(p, "values").codable)
        #expect(try p.store.catalog(at: .now).code(named: "values/honesty").codable, "children keep their own value")
    }

    /// A store made before the field opens with every code codable and the
    /// same digest.
    @Test func aStoreFromBeforeTheFieldGainsTheColumn() throws {
        let p = try TestProject()
        let digest = try p.digest()
        try StoreFile.write(p.store) { db in
            try db.execute(sql: "ALTER TABLE codes DROP COLUMN codable")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-code-codable'")
        }
        let reopened = try Store(directory: p.root.appendingPathComponent(".accord"))
        #expect(try reopened.catalog().codes.allSatisfy(\.codable))
        #expect(try reopened.stateDigest() == digest)
    }

    @Test func anExplicitTrueFromAnotherWriterIsAdmittedAsCodable() throws {
        let p = try TestProject()
        let event = try p.craft(.codeDefined, with(true), by: p.lead)
        #expect(try p.receive(event.bytes) == .accepted)
        #expect(try code(p, "themes").codable)
    }

    /// Refusing to apply a grouping code is `apply`'s policy, not an
    /// admission rule: a received coding of one is admitted.
    @Test func aReceivedCodingOfAGroupingCodeIsAdmitted() throws {
        let p = try TestProject()
        try p.replica.changeCode("values", codable: false, by: p.lead)
        let values = try code(p, "values").id
        let coding = try p.craft(.segmentCoded, ["document": .string(p.document), "code": .string(values), "start": 0, "end": 6],
                                 by: p.alice)
        #expect(try p.receive(coding.bytes) == .accepted)
    }

    @Test func applyRefusesAGroupingCodeAndWritesNothing() throws {
        let p = try TestProject()
        try p.replica.changeCode("values", codable: false, by: p.lead)
        let before = try p.digest(), count = try p.eventCount()
        do {
            try p.replica.apply(code: "values", document: "northwind", at: .span(0, 6), by: p.alice)
            Issue.record("applied a code that is not codable")
        } catch {
            #expect(error.code == "not_codable")
            #expect(error.message.contains("code change values --codable true"), "\(error.message)")
        }
        #expect(try p.digest() == before)
        #expect(try p.eventCount() == count)
        try p.replica.changeCode("values", codable: true, by: p.lead)
        try p.replica.apply(code: "values", document: "northwind", at: .span(0, 6), by: p.alice)
    }
}
