import Foundation
import Store

/// What a memo is about: a document, a code or a coding (DESIGN §8 `memo add`).
public enum MemoTarget: Sendable, Equatable {
    case document(String)
    case code(String)
    case coding(String)
}

extension Replica {
    /// Writes an analytic memo (`memo.added`) on a document, code or coding;
    /// leads and coders only. Retired documents and codes, and withdrawn
    /// codings, can still be written about: a memo is history too.
    @discardableResult
    public func addMemo(_ text: String, on target: MemoTarget, by key: SigningKey) throws(AccordError) -> Event {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw AccordError("empty_memo", "a memo needs some text (give it as the argument or with --file)")
        }
        return try store.append(by: key) { view in
            let catalog = try view.catalog()
            try Roles.require(.coder, catalog, key, to: "write memos")
            var memo = MemoAdded(text: text)
            switch target {
            case .document(let name): memo.document = EventID(hex: try catalog.document(named: name).id)
            case .code(let name): memo.code = EventID(hex: try catalog.code(named: name).id)
            case .coding(let prefix): memo.coding = EventID(hex: try view.coding(prefix: prefix).id)
            }
            return [Action(.memoAdded(memo))]
        }[0]
    }
}
