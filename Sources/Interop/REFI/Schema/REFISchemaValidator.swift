import Foundation

/// Checks REFI-QDA XML against the rules of the 1.0 XSDs (`REFISchema`):
/// allowed children and their order and counts, required attributes, and
/// attribute and text types (GUID pattern, `xs:boolean`, `xs:dateTime`,
/// integers ≥ 0 for positions, colour pattern). Each violation names the
/// element and its line.
///
/// The writer's output must pass with no violation. The import runs the same
/// check and tolerates what real tools write (see `REFIReadOptions`).
public enum REFISchemaValidator {
    /// Parses `data` and returns every violation, in document order. Throws only
    /// when the bytes are not well-formed XML.
    public static func validate(_ data: Data, file: String = "document") throws(InteropError) -> [SchemaViolation] {
        validate(try XMLTreeParser.parse(data, file: file))
    }

    /// Every violation in a parsed document. The root decides which schema
    /// applies; `acceptingNamespaceVariants` lets through the namespaces tools
    /// write besides the standard's (`urn:QDA-XML:codebook:0:4` from ATLAS.ti,
    /// and any `urn:QDA-XML:project:…` / `urn:QDA-XML:codebook:…`).
    static func validate(_ root: XMLTree, acceptingNamespaceVariants: Bool = false) -> [SchemaViolation] {
        guard let schema = schema(for: root, acceptingNamespaceVariants: acceptingNamespaceVariants) else {
            let expected = "`Project` in \(REFISchema.projectNamespace) or `CodeBook` in \(REFISchema.codebookNamespace)"
            let found = root.namespace.isEmpty ? "in no namespace" : "in namespace \(root.namespace)"
            return [SchemaViolation(kind: .wrongRoot, element: root.name, line: root.line,
                                    detail: "the root is `\(root.name)` \(found), expected \(expected)")]
        }
        let checker = Checker(schema: schema, namespace: root.namespace)
        checker.check(root, type: schema.rootType)
        return checker.out
    }

    static func schema(for root: XMLTree, acceptingNamespaceVariants: Bool) -> REFISchema? {
        switch root.name {
        case "Project":
            let ok = root.namespace == REFISchema.projectNamespace
                || (acceptingNamespaceVariants && root.namespace.hasPrefix("urn:QDA-XML:project:"))
            return ok ? .project : nil
        case "CodeBook":
            let ok = root.namespace == REFISchema.codebookNamespace
                || (acceptingNamespaceVariants && root.namespace.hasPrefix("urn:QDA-XML:codebook:"))
            return ok ? .codebook : nil
        default:
            return nil
        }
    }

    static func clip(_ s: String) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        return flat.count > 40 ? String(flat.prefix(40)) + "…" : flat
    }
}

/// Walks one document, collecting violations.
private final class Checker {
    let schema: REFISchema
    let namespace: String
    var out: [SchemaViolation] = []

    init(schema: REFISchema, namespace: String) {
        self.schema = schema
        self.namespace = namespace
    }

    func check(
        _ node: XMLTree, type typeName: String
    ) {
        guard let type = schema.types[typeName] else { return }
        func report(_ kind: SchemaViolation.Kind, _ detail: String, at n: XMLTree? = nil) {
            let at = n ?? node
            out.append(SchemaViolation(kind: kind, element: at.name, line: at.line, detail: detail))
        }
        checkAttributes(node, type, report: { report($0, $1) })

        switch type.content {
        case .empty:
            if !node.text.trimmingXMLWhitespace().isEmpty { report(.mixedContent, "text is not allowed here") }
            for child in node.children { report(.unknownElement, "`\(node.name)` has no child elements", at: child) }
        case .simple(let simple):
            for child in node.children { report(.mixedContent, "holds text only; `<\(child.name)>` is not allowed in it") }
            if !simple.accepts(node.text) { report(.badValue, "text `\(REFISchemaValidator.clip(node.text))` is not \(simple.label)") }
        case .sequence(let particles):
            if !node.text.trimmingXMLWhitespace().isEmpty { report(.mixedContent, "text is not allowed between elements") }
            matchSequence(node, particles, report: { k, d, n in report(k, d, at: n) })
        }

        if type.textEitherInlineOrPath {
            let inline = node.children.contains { $0.name == "PlainTextContent" }
            let path = node.attributes["plainTextPath"] != nil
            if inline && path {
                report(.textSource, "has both `PlainTextContent` and `plainTextPath`; the standard allows one")
            } else if !inline && !path {
                report(.textSource, "has neither `PlainTextContent` nor `plainTextPath`")
            }
        }
    }

    func checkAttributes(
        _ node: XMLTree, _ type: SchemaType, report: (SchemaViolation.Kind, String) -> Void
    ) {
        let rules = Dictionary(uniqueKeysWithValues: type.attributes.map { ($0.name, $0) })
        for rule in type.attributes where rule.required && node.attributes[rule.name] == nil {
            report(.missingAttribute, "attribute `\(rule.name)` is required")
        }
        for (name, value) in node.attributes.sorted(by: { $0.key < $1.key }) {
            guard let rule = rules[name] else {
                report(.unknownAttribute, "attribute `\(name)` is not in the schema")
                continue
            }
            if !rule.type.accepts(value) {
                report(.badValue, "attribute `\(name)` = `\(REFISchemaValidator.clip(value))` is not \(rule.type.label)")
            }
        }
        for (name, attribute) in node.qualifiedAttributes.sorted(by: { $0.key < $1.key })
        where attribute.namespace != XMLTreeParser.xsiNamespace {
            report(.unknownAttribute, "attribute `\(name)` is not in the schema")
        }
    }

    /// Greedy matching is exact here: the XSDs obey the Unique Particle
    /// Attribution rule, so each child belongs to one particle.
    func matchSequence(
        _ node: XMLTree, _ particles: [Particle],
        report: (SchemaViolation.Kind, String, XMLTree) -> Void
    ) {
        let known = Set(particles.flatMap(\.names))
        var index = 0
        let children = node.children
        var position = 0
        func skipUnknown() {
            while position < children.count {
                let c = children[position]
                if c.namespace != namespace {
                    report(.unknownElement, "element `\(c.name)` in namespace `\(c.namespace)` is not in the schema", c)
                } else if !known.contains(c.name) {
                    report(.unknownElement, "`\(c.name)` is not allowed in `\(node.name)`", c)
                } else {
                    return
                }
                position += 1
            }
        }
        while index < particles.count {
            let particle = particles[index]
            var count = 0
            skipUnknown()
            while position < children.count, count < maxOccurs(particle),
                  let type = typeFor(children[position], in: particle) {
                let child = children[position]
                switch type {
                case .complex(let t): check(child, type: t)
                case .simple(let s): checkSimple(child, s, report: report)
                }
                count += 1
                position += 1
                skipUnknown()
            }
            if count < minOccurs(particle) {
                let names = particle.names.map { "`\($0)`" }.joined(separator: " or ")
                report(.missingElement, "a child \(names) is required here", position < children.count ? children[position] : node)
            }
            index += 1
        }
        // Whatever is left is known to the content model but out of place.
        while true {
            skipUnknown()
            guard position < children.count else { break }
            let child = children[position]
            let slot = particles.firstIndex { $0.names.contains(child.name) } ?? 0
            let earlierThan = particles[(slot + 1)...].flatMap(\.names)
            let previous = position > 0 ? children[position - 1].name : nil
            if let previous, previous == child.name || !earlierThan.contains(previous) {
                report(.tooMany, "too many `\(child.name)` elements in `\(node.name)`", child)
            } else {
                let after = previous.map { " (it follows `\($0)`)" } ?? ""
                report(.order, "`\(child.name)` is out of order in `\(node.name)`\(after); the schema's order is "
                       + particles.flatMap(\.names).joined(separator: ", "), child)
            }
            if case .element(_, .complex(let t), _, _) = particles[slot] {
                check(child, type: t)
            } else if case .element(_, .simple(let s), _, _) = particles[slot] {
                checkSimple(child, s, report: report)
            } else if case .choice(let alternatives, _, _) = particles[slot],
                      let type = alternatives.lazy.compactMap({ self.typeFor(child, in: $0) }).first {
                switch type {
                case .complex(let t): check(child, type: t)
                case .simple(let s): checkSimple(child, s, report: report)
                }
            }
            position += 1
        }
    }

    func checkSimple(_ node: XMLTree, _ type: SimpleType, report: (SchemaViolation.Kind, String, XMLTree) -> Void) {
        for child in node.children { report(.mixedContent, "holds text only; `<\(child.name)>` is not allowed in it", node) }
        for name in node.attributes.keys.sorted() {
            report(.unknownAttribute, "attribute `\(name)` is not in the schema", node)
        }
        for (name, attribute) in node.qualifiedAttributes.sorted(by: { $0.key < $1.key })
        where attribute.namespace != XMLTreeParser.xsiNamespace {
            report(.unknownAttribute, "attribute `\(name)` is not in the schema", node)
        }
        if !type.accepts(node.text) { report(.badValue, "text `\(REFISchemaValidator.clip(node.text))` is not \(type.label)", node) }
    }

    func typeFor(_ node: XMLTree, in particle: Particle) -> TypeReference? {
        switch particle {
        case .element(let name, let type, _, _):
            return node.name == name ? type : nil
        case .choice(let alternatives, _, _):
            return alternatives.lazy.compactMap { self.typeFor(node, in: $0) }.first
        }
    }

    func minOccurs(_ p: Particle) -> Int {
        switch p {
        case .element(_, _, let min, _): return min
        case .choice(let alternatives, let min, _):
            // A choice whose alternatives are all optional can be satisfied by nothing.
            return alternatives.allSatisfy { minOccurs($0) == 0 } ? 0 : min
        }
    }

    func maxOccurs(_ p: Particle) -> Int {
        switch p {
        case .element(_, _, _, let max): return max
        case .choice(_, _, let max): return max
        }
    }
}
