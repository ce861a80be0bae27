import Foundation
import Store
import Testing

/// A coder does not see other coders' codings of a document until they have
/// marked it done; --reveal shows them; leads see everything.
@Suite struct BlindCodingTests {
    @Test func othersCodingsAreHiddenUntilDone() throws {
        let p = try Project.make()
        let alice1 = try p.apply("values/honesty", "lumen", as: "alice", "--quote", "never deceive")
        let alice2 = try p.apply("values", "northwind", as: "alice", "--paragraph", "1")
        let bob1 = try p.apply("data/synthetic data", "lumen", as: "bob", "--quote", "synthetic")

        func seen(by who: String, _ extra: String...) throws -> (ids: Set<String>, hidden: Int64?, note: String) {
            let r = p.accord(["--as", who, "codings", "--json"] + extra)
            try #require(r.ok, "\(r)")
            let json = try r.json()
            return (Set((json["codings"]?.items ?? []).compactMap { $0["id"]?.stringValue }), json["hidden"]?.intValue, r.stderr)
        }

        var bob = try seen(by: "bob")
        #expect(bob.ids == [bob1], "bob sees only his own codings")
        #expect(bob.hidden == 2)
        #expect(bob.note.contains("2 coding(s)"), "a note on stderr says how many are hidden: \(bob.note)")
        #expect(try seen(by: "alice").ids == [alice1, alice2])
        #expect(try seen(by: "lena").ids == [alice1, alice2, bob1], "the lead sees all")
        #expect(try seen(by: "lena").hidden == 0)
        #expect(try seen(by: "bob", "--reveal").ids == [alice1, alice2, bob1], "--reveal shows them")
        // The table view hides them too.
        #expect(!p.must("--as", "bob", "codings").stdout.contains(String(alice1.prefix(12))))
        let shown = try p.json("doc", "show", "lumen", "--as", "bob")
        #expect(shown["codings"]?.count == 1)
        #expect(shown["hidden"] == 1)

        p.must("--as", "bob", "done", "lumen")
        bob = try seen(by: "bob")
        #expect(bob.ids == [alice1, bob1], "after done, bob sees alice's codings of lumen, not of northwind")
        #expect(bob.hidden == 1)
        #expect(try p.json("doc", "show", "lumen", "--as", "bob")["codings"]?.count == 2)
        // Alice has not finished lumen: she still does not see bob's.
        #expect(try seen(by: "alice").ids == [alice1, alice2])
        // As it was before bob's done, bob saw less.
        let done = try p.lastEvent(ofType: "document.done")
        let beforeDone = try #require(try p.events().last { $0["type"] != "document.done" }?["id"]?.stringValue)
        #expect(try seen(by: "bob", "--at", beforeDone).ids == [bob1])
        #expect(try seen(by: "bob", "--at", done["id"]!.stringValue!).ids == [alice1, bob1])
    }
}
