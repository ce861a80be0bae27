import Foundation
import GRDB
import Testing
@testable import Store

/// A store written by an earlier release of accord opens in place, migrated,
/// with the `state_digest` it had (issue 11: a layout change never changes
/// the state).
///
/// `Fixtures/v4-demo.sqlite` is lena's store at the end of `accord demo`, as
/// the layout before `status_cache` (migrations up to `v4-code-codable`)
/// wrote it; `Fixtures/v4-demo.digest` is what that build's `accord status
/// --json` reported for it. Both were made with `scripts/make-store-fixture.sh`.
@Suite struct StoreFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func openCopy() throws -> (Store, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-fixture-\(UUID().uuidString)/.accord")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("v4-demo.sqlite"),
                                         to: folder.appendingPathComponent("store.sqlite"))
        return (try Store(directory: folder), folder.deletingLastPathComponent())
    }

    var expectedDigest: String {
        get throws {
            try String(contentsOf: Self.fixtures.appendingPathComponent("v4-demo.digest"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test func aStoreFromTheLayoutBeforeTheStatusCacheMigratesInPlace() throws {
        let (store, root) = try openCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let applied = try store.database.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.contains("v5-status-cache") && applied.contains("v6-documents-catalog-index"))
        let indexes = try store.database.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        #expect(indexes.contains("documents_catalog") && indexes.contains("coding_rows_document") && !indexes.contains("codings_code") && !indexes.contains("codings_document"))
        #expect(applied.contains("v7-codings-indexes") && applied.contains("v8-coding-rows") && applied.contains("v9-member-events-index"))
        #expect(indexes.contains("events_member") && !indexes.contains("events_type"))
        let codingsKind = try store.database.read { try String.fetchOne($0, sql: "SELECT type FROM sqlite_master WHERE name = 'codings'") }
        #expect(codingsKind == "view", "codings are kept by log position and named by a view")
        #expect(try store.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM coding_rows") } ?? 0 > 0)
        #expect(try store.stateDigest() == expectedDigest)
        #expect(try store.status().stateDigest == expectedDigest, "the kept digest")
        #expect(try store.database.read { try StateDigest.compute($0) } == expectedDigest)
    }

    @Test func rebuildingTheMigratedStoreKeepsTheDigest() throws {
        let (store, root) = try openCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        try store.rebuild()
        #expect(try store.stateDigest() == expectedDigest)
        #expect(try store.verify().isClean)
        let indexes = try store.database.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        #expect(indexes.contains("documents_catalog") && indexes.contains("coding_rows_document"), "rebuild indexes again")
    }
}
