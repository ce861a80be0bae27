import Foundation
import Store
import Testing

/// Roles: what a coder may not do, and whose codings one may remove.
@Suite struct RoleTests {
    @Test func aCoderCannotDoALeadsWork() throws {
        let p = try Project.make()
        try p.write("new.txt", "A new document nobody has seen.\n")
        let carol = p.must("key", "new", "carol").out
        try p.expectNothingWritten("a coder acting as a lead") {
            expectError(p.accord("--as", "alice", "code", "add", "fairness"), "forbidden", mentions: ["lead", "alice", "coder"])
            expectError(p.accord("--as", "alice", "code", "rename", "values", "v"), "forbidden")
            expectError(p.accord("--as", "alice", "code", "change", "values", "--description", "d"), "forbidden")
            expectError(p.accord("--as", "alice", "code", "merge", "values/honesty", "values"), "forbidden")
            expectError(p.accord("--as", "alice", "code", "retire", "values"), "forbidden")
            expectError(p.accord("--as", "alice", "doc", "add", "new.txt"), "forbidden", mentions: ["lead"])
            expectError(p.accord("--as", "alice", "doc", "retire", "lumen"), "forbidden")
            expectError(p.accord("--as", "bob", "member", "add", "carol", "--key", carol, "--role", "coder"), "forbidden",
                        mentions: ["lead", "bob"])
            expectError(p.accord("--as", "bob", "member", "change", "alice", "--role", "lead"), "forbidden")
            expectError(p.accord("--as", "bob", "member", "remove", "alice"), "forbidden")
            // A key that is not a member at all.
            expectError(p.accord("--as", "carol", "apply", "values", "lumen", "--span", "0:5"), "not_member")
        }
        // What a coder may do.
        try p.apply("values", "lumen", as: "alice", "--span", "0:5")
        p.must("--as", "alice", "done", "lumen")
    }

    @Test func aCoderCanOnlyUnapplyTheirOwnCodings() throws {
        let p = try Project.make()
        let alices = try p.apply("values/honesty", "lumen", as: "alice", "--quote", "never deceive")
        let bobs = try p.apply("values/honesty", "lumen", as: "bob", "--quote", "never deceive")
        try p.expectNothingWritten("bob removes alice's coding") {
            expectError(p.accord("--as", "bob", "unapply", alices), "not_own_coding", mentions: ["alice"])
        }
        #expect(try p.codings().count == 2)
        // A lead may remove anyone's.
        p.must("--as", "lena", "unapply", alices)
        #expect(try p.codings().compactMap { $0["id"]?.stringValue } == [bobs])
        p.must("--as", "bob", "unapply", bobs)
        #expect(try p.codings().isEmpty)
    }
}
