import Foundation

/// What accord exports, in accord's terms; `REFIProjectBuilder` turns it into
/// a `REFIProject`. Ids are accord's hex ids; GUIDs are derived from them
/// (`REFIGUID.derived(fromAccordID:)`) unless an object carries the GUID it was
/// imported with, which it then keeps.
public struct REFIExportInput: Sendable {
    public struct Member: Sendable {
        public var id: String
        public var name: String
        public var guid: REFIGUID?
        public init(id: String, name: String, guid: REFIGUID? = nil) {
            self.id = id
            self.name = name
            self.guid = guid
        }
    }

    public struct Code: Sendable {
        public var id: String
        public var name: String
        /// nil for a top-level code.
        public var parentID: String?
        public var color: String?
        public var description: String?
        /// False for a category that only groups (an exclusive group's parent, say).
        public var isCodable: Bool
        public var guid: REFIGUID?
        public init(
            id: String, name: String, parentID: String? = nil, color: String? = nil, description: String? = nil,
            isCodable: Bool = true, guid: REFIGUID? = nil
        ) {
            self.id = id
            self.name = name
            self.parentID = parentID
            self.color = color
            self.description = description
            self.isCodable = isCodable
            self.guid = guid
        }
    }

    public struct Document: Sendable {
        public var id: String
        public var title: String
        /// Normalised text (as accord stores it); coding positions index its Unicode scalars.
        public var text: String
        public var addedBy: String?
        public var addedAt: Date?
        public var guid: REFIGUID?
        public init(id: String, title: String, text: String, addedBy: String? = nil, addedAt: Date? = nil, guid: REFIGUID? = nil) {
            self.id = id
            self.title = title
            self.text = text
            self.addedBy = addedBy
            self.addedAt = addedAt
            self.guid = guid
        }
    }

    public struct Coding: Sendable {
        public var id: String
        public var coderID: String
        public var documentID: String
        public var codeID: String
        /// `[start, end)` in Unicode scalars of the document's text.
        public var start: Int
        public var end: Int
        public var time: Date
        /// The `Coding` GUID it was imported with, if any.
        public var guid: REFIGUID?
        /// The `PlainTextSelection` GUID it was imported with, if any.
        public var selectionGUID: REFIGUID?
        public init(
            id: String, coderID: String, documentID: String, codeID: String, start: Int, end: Int, time: Date,
            guid: REFIGUID? = nil, selectionGUID: REFIGUID? = nil
        ) {
            self.id = id
            self.coderID = coderID
            self.documentID = documentID
            self.codeID = codeID
            self.start = start
            self.end = end
            self.time = time
            self.guid = guid
            self.selectionGUID = selectionGUID
        }
    }

    /// A memo, attached to whichever of document, code and coding it names (the project when none).
    public struct Memo: Sendable {
        public var id: String
        public var authorID: String
        public var time: Date
        public var text: String
        public var documentID: String?
        public var codeID: String?
        public var codingID: String?
        public var guid: REFIGUID?
        public init(
            id: String, authorID: String, time: Date, text: String, documentID: String? = nil, codeID: String? = nil,
            codingID: String? = nil, guid: REFIGUID? = nil
        ) {
            self.id = id
            self.authorID = authorID
            self.time = time
            self.text = text
            self.documentID = documentID
            self.codeID = codeID
            self.codingID = codingID
            self.guid = guid
        }
    }

    public var projectName: String
    /// Written as the project's `origin`.
    public var origin: String
    public var creatingUserID: String?
    public var creationDateTime: Date?
    public var members: [Member]
    /// Any order; parents need not come before children. Siblings keep this order.
    public var codes: [Code]
    public var documents: [Document]
    public var codings: [Coding]
    public var memos: [Memo]

    public init(
        projectName: String, origin: String = "accord", creatingUserID: String? = nil, creationDateTime: Date? = nil,
        members: [Member] = [], codes: [Code] = [], documents: [Document] = [], codings: [Coding] = [], memos: [Memo] = []
    ) {
        self.projectName = projectName
        self.origin = origin
        self.creatingUserID = creatingUserID
        self.creationDateTime = creationDateTime
        self.members = members
        self.codes = codes
        self.documents = documents
        self.codings = codings
        self.memos = memos
    }
}
