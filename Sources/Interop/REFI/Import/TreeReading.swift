import Foundation

/// Shared state and attribute readers of the REFI-QDA decoders: refusals name
/// the element and its line; tolerated problems go into the summary.
struct TreeReading {
    let file: String
    let namespace: String
    var summary = ImportSummary()

    init(file: String, root: XMLTree, options: REFIReadOptions) throws(InteropError) {
        self.file = file
        namespace = root.namespace
        summary.namespace = root.namespace
        let violations = REFISchemaValidator.validate(root, acceptingNamespaceVariants: true)
        if let wrong = violations.first(where: { $0.kind == .wrongRoot }) {
            throw .notREFI("\(file): \(wrong.detail); this is not a REFI-QDA file")
        }
        for v in violations {
            switch v.kind {
            case .unknownElement: summary.unknownElements += 1
            case .unknownAttribute: summary.unknownAttributes += 1
            default:
                if options.strictSchema { throw .schema("\(file): \(v)") }
                summary.schemaDeviations += 1
            }
            summary.note(v.description)
        }
    }

    static func location(_ node: XMLTree) -> String { "element `\(node.name)` at line \(node.line)" }

    func fail(_ node: XMLTree, _ detail: String) -> InteropError {
        .schema("\(file): \(TreeReading.location(node)): \(detail)")
    }

    /// Children in the document's namespace with this name (foreign elements were counted as unknown).
    func children(_ node: XMLTree, _ name: String) -> [XMLTree] {
        node.children.filter { $0.name == name && $0.namespace == namespace }
    }

    func child(_ node: XMLTree, _ name: String) -> XMLTree? { children(node, name).first }

    func requiredGUID(_ node: XMLTree, _ attribute: String) throws(InteropError) -> REFIGUID {
        guard let raw = node.attributes[attribute] else { throw fail(node, "attribute `\(attribute)` is required") }
        guard let guid = REFIGUID(raw) else {
            throw fail(node, "attribute `\(attribute)` = `\(REFISchemaValidator.clip(raw))` is not a GUID (8-4-4-4-12 hex digits)")
        }
        return guid
    }

    /// An optional GUID; a malformed one was counted by the schema check and is dropped.
    func optionalGUID(_ node: XMLTree, _ attribute: String) -> REFIGUID? {
        node.attributes[attribute].flatMap(REFIGUID.init)
    }

    func optionalDate(_ node: XMLTree, _ attribute: String) -> Date? {
        node.attributes[attribute].flatMap(REFIDateTime.parse)
    }

    func requiredName(_ node: XMLTree) throws(InteropError) -> String {
        guard let raw = node.attributes["name"] else { throw fail(node, "attribute `name` is required") }
        return NormalisedText.normalise(raw)
    }

    func optionalName(_ node: XMLTree) -> String? {
        node.attributes["name"].map(NormalisedText.normalise)
    }

    func requiredPosition(_ node: XMLTree, _ attribute: String) throws(InteropError) -> Int {
        guard let raw = node.attributes[attribute] else { throw fail(node, "attribute `\(attribute)` is required") }
        guard let value = SimpleType.integerValue(String(raw.trimmingXMLWhitespace())) else {
            throw fail(node, "attribute `\(attribute)` = `\(REFISchemaValidator.clip(raw))` is not an integer")
        }
        guard value >= 0 else {
            throw InteropError.selectionOutOfRange("\(file): \(TreeReading.location(node)): `\(attribute)` is \(value), before the start of the text")
        }
        return value
    }

    /// `isCodable`: true, false, 1 or 0; missing or malformed reads as true (the code stays usable).
    func isCodable(_ node: XMLTree) -> Bool {
        switch node.attributes["isCodable"].map({ String($0.trimmingXMLWhitespace()) }) {
        case "false", "0": return false
        default: return true
        }
    }

    /// `#RGB`/`#RRGGBB` as lowercase `#rrggbb`; anything else is dropped.
    func color(_ node: XMLTree) -> String? {
        guard let raw = node.attributes["color"].map({ String($0.trimmingXMLWhitespace()) }),
              SimpleType.isRGB(raw)
        else { return nil }
        let hex = raw.dropFirst().lowercased()
        return "#" + (hex.count == 3 ? hex.map { "\($0)\($0)" }.joined() : hex)
    }

    /// The normalised text of a `Description` child, or nil.
    func description(_ node: XMLTree) -> String? {
        child(node, "Description").map { NormalisedText.normalise($0.text) }
    }

    mutating func notImported(_ node: XMLTree) {
        summary.notImported[node.name, default: 0] += 1
    }
}
