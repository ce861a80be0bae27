import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses XML bytes into an `XMLTree` with Foundation's `XMLParser` (libxml2).
///
/// Bytes that would crash or mislead `XMLParser` are refused before parsing
/// (`firstInvalidUTF8`, `forbiddenMarkup`): REFI-QDA files never have them.
enum XMLTreeParser {
    static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    static func parse(_ data: Data, file: String) throws(InteropError) -> XMLTree {
        // REFI-QDA files are UTF-8, and FoundationXML traps (it does not
        // throw) on a name that is not: `<\u{FF}` would end the process.
        if let offset = firstInvalidUTF8(data) {
            throw .badXML("\(file) byte \(offset): REFI-QDA XML is UTF-8, and this is not")
        }
        if let (markup, line) = forbiddenMarkup(data) {
            throw .badXML("\(file) line \(line): \(markup.rawValue) is not allowed in REFI-QDA XML")
        }
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let ok = parser.parse()
        if !ok || builder.root == nil {
            let code = (parser.parserError as NSError?)?.code ?? builder.errorCode ?? 0
            let line = builder.errorLine ?? parser.lineNumber
            throw .badXML("\(file) line \(line): the XML is not well-formed (\(describe(code)))")
        }
        return builder.root!
    }

    /// The offset of the first byte that is not part of valid UTF-8, if any.
    static func firstInvalidUTF8(_ data: Data) -> Int? {
        data.withUnsafeBytes { (u: UnsafeRawBufferPointer) -> Int? in
            var decoder = UTF8()
            var iterator = u.makeIterator()
            var offset = 0
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput: return nil
                case .error: return offset
                }
            }
        }
    }

    /// Markup that REFI-QDA files never contain and that must not reach the parser.
    enum ForbiddenMarkup: String {
        /// Entity declarations ("billion laughs") and external entities,
        /// which `XMLParser` on Linux does not let a delegate veto.
        case doctype = "a DOCTYPE"
        /// Past the leading XML declaration. FoundationXML dereferences a
        /// null pointer on one without data (`<?name?>`, found by fuzz-qdc).
        case processingInstruction = "a processing instruction (<?…?>)"
    }

    /// The first DOCTYPE or processing instruction (other than the leading
    /// XML declaration) and its line, in one pass that skips comments and
    /// CDATA sections, where `<!` and `<?` are text. Hand-written: the parser
    /// cannot be asked to refuse either.
    static func forbiddenMarkup(_ data: Data) -> (ForbiddenMarkup, line: Int)? {
        data.withUnsafeBytes { (u: UnsafeRawBufferPointer) -> (ForbiddenMarkup, line: Int)? in
            let start = u.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            func starts(_ s: StaticString, at k: Int) -> Bool {
                let n = s.utf8CodeUnitCount
                guard k + n <= u.count else { return false }
                return s.withUTF8Buffer { b in (0..<n).allSatisfy { u[k + $0] == b[$0] } }
            }
            func skip(_ i: inout Int, past end: StaticString) {
                while i < u.count && !starts(end, at: i) { i += 1 }
                i = min(u.count, i + end.utf8CodeUnitCount)
            }
            func line(_ i: Int) -> Int { 1 + u[0..<i].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
            var i = start
            while i < u.count {
                guard u[i] == 0x3C else { i += 1; continue }
                if starts("<!--", at: i) {
                    skip(&i, past: "-->")
                } else if starts("<![CDATA[", at: i) {
                    skip(&i, past: "]]>")
                } else if starts("<!DOCTYPE", at: i) {
                    return (.doctype, line(i))
                } else if starts("<?", at: i) {
                    let declaration = i == start && starts("<?xml", at: i) && i + 5 < u.count
                        && [0x20, 0x09, 0x0A, 0x0D].contains(u[i + 5])
                    if !declaration { return (.processingInstruction, line(i)) }
                    skip(&i, past: "?>")
                } else {
                    i += 1
                }
            }
            return nil
        }
    }

    private static func describe(_ code: Int) -> String {
        switch code {
        case 4: return "the document is empty"
        case 5: return "the document ends too early"
        case 9: return "an invalid character"
        case 23: return "a '>' is missing"
        case 26: return "an undeclared entity"
        case 38, 39, 40, 41: return "a malformed attribute"
        case 65: return "a space is missing between attributes"
        case 68: return "a malformed name"
        case 73: return "a '>' is missing"
        case 76: return "an end tag does not match its start tag"
        case 85: return "an end tag is missing"
        default: return "libxml2 error \(code)"
        }
    }
}

/// Builds the tree from `XMLParser` callbacks.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [XMLTree] = []
    private var prefixes: [String: [String]] = [:]
    var root: XMLTree?
    var errorCode: Int?
    var errorLine: Int?

    func parser(_ parser: XMLParser, didStartMappingPrefix prefix: String, toURI namespaceURI: String) {
        prefixes[prefix, default: []].append(namespaceURI)
    }

    func parser(_ parser: XMLParser, didEndMappingPrefix prefix: String) {
        _ = prefixes[prefix]?.popLast()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        var plain: [String: String] = [:]
        var qualified: [String: XMLTree.QualifiedAttribute] = [:]
        for (key, value) in attributes {
            if let colon = key.firstIndex(of: ":") {
                let prefix = String(key[..<colon])
                let uri = prefix == "xml" ? "http://www.w3.org/XML/1998/namespace" : (prefixes[prefix]?.last ?? "")
                qualified[key] = XMLTree.QualifiedAttribute(namespace: uri, value: value)
            } else {
                plain[key] = value
            }
        }
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(XMLTree(
            name: local, namespace: namespaceURI ?? "", attributes: plain, qualifiedAttributes: qualified,
            children: [], text: "", line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let done = stack.popLast() else { return }
        if stack.isEmpty {
            root = done
        } else {
            stack[stack.count - 1].children.append(done)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if errorCode == nil {
            errorCode = (parseError as NSError).code
            errorLine = parser.lineNumber
        }
    }
}
