import AccordTesting
import Foundation
import Testing
@testable import Store

/// Issue 10, row 6: an event no replica would receive is never written, so
/// it cannot hold back every later event of its author.
@Suite struct EventSizeTests {
    @Test func anEventOverTheSizeLimitIsNotAppended() throws {
        let p = try TestProject()
        let before = (try p.eventCount(), try p.store.stateDigest())
        func code(_ description: String) -> Action {
            Action(.codeDefined(CodeDefined(name: "big", parent: nil, description: description, color: nil, exclusive: false)))
        }
        do {
            try p.store.append(code(String(repeating: "a", count: Event.maxBytes)), by: p.lead)
            Issue.record("an event over \(Event.maxBytes) bytes was appended")
        } catch {
            #expect(error.code == "oversize", "\(error)")
        }
        let after = (try p.eventCount(), try p.store.stateDigest())
        #expect(after == before)
    }
}
