/// One way a REFI-QDA document breaks its XSD, located by element and line.
public struct SchemaViolation: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The root is not `Project`/`CodeBook` in the REFI-QDA namespace.
        case wrongRoot
        /// An element the content model does not have anywhere (or in a foreign namespace).
        case unknownElement
        /// An attribute the type does not declare (prefixed attributes other than `xsi:` included).
        case unknownAttribute
        /// A known child in the wrong place: before a sibling it must follow.
        case order
        /// A required child is missing.
        case missingElement
        /// More of a child than its `maxOccurs` allows.
        case tooMany
        case missingAttribute
        /// An attribute or text value that is not of its simple type.
        case badValue
        /// Non-whitespace text where only elements may be, or elements inside a text-only element.
        case mixedContent
        /// A text source with both `PlainTextContent` and `plainTextPath`, or neither.
        case textSource
    }

    public var kind: Kind
    /// Local name of the element concerned.
    public var element: String
    public var line: Int
    /// What is wrong, without the location.
    public var detail: String

    public var description: String { "element `\(element)` at line \(line): \(detail)" }
}
