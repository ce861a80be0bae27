/// One element of a parsed XML document, with the line it was found on.
///
/// The import and the schema check read this tree rather than decoding with
/// XMLCoder: they need each element's line for their messages and the order of
/// siblings for the schema's sequences, which a Codable decoder does not keep.
struct XMLTree: Sendable, Equatable {
    /// Local name (without prefix).
    var name: String
    /// Namespace URI, or "" when the element is in no namespace.
    var namespace: String
    /// Attributes without a prefix, by local name.
    var attributes: [String: String]
    /// Prefixed attributes (`xsi:schemaLocation`, `foo:bar`) by qualified name, with their namespace URI.
    var qualifiedAttributes: [String: QualifiedAttribute]
    var children: [XMLTree]
    /// Character data directly inside this element (entities resolved, CDATA included).
    var text: String
    /// Line of the start tag (where it ends, as the XML parser reports it).
    var line: Int

    /// A prefixed attribute's namespace URI and value.
    struct QualifiedAttribute: Sendable, Equatable {
        var namespace: String
        var value: String
    }

    /// Children with this local name.
    func children(named n: String) -> [XMLTree] { children.filter { $0.name == n } }
    /// The first child with this local name.
    func child(named n: String) -> XMLTree? { children.first { $0.name == n } }
    /// Number of elements in this subtree, itself included.
    var elementCount: Int { 1 + children.reduce(0) { $0 + $1.elementCount } }
}
