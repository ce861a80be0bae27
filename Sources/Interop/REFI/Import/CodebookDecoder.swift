/// Turns a parsed `.qdc` into a `REFICodebook`.
///
/// Accepts the standard's namespace `urn:QDA-XML:codebook:1.0` and the
/// variants tools write (ATLAS.ti's `urn:QDA-XML:codebook:0:4`). A set's
/// `MemberCode` names its code by `guid` in the codebook schema; `targetGUID`
/// (the project schema's spelling) is accepted too.
struct CodebookDecoder {
    private var reading: TreeReading
    private let root: XMLTree
    private var seen: Set<REFIGUID> = []

    init(root: XMLTree, file: String, options: REFIReadOptions) throws(InteropError) {
        reading = try TreeReading(file: file, root: root, options: options)
        guard root.name == "CodeBook" else {
            throw .notREFI("\(file): the root is `\(root.name)`, not `CodeBook`; a project is read as .qdpx")
        }
        self.root = root
    }

    mutating func decode() throws(InteropError) -> REFICodebookImport {
        var codes: [REFICode] = []
        guard let list = reading.child(root, "Codes") else {
            throw reading.fail(root, "a codebook needs a `Codes` element")
        }
        for node in reading.children(list, "Code") { codes.append(try decodeCode(node)) }
        var sets: [REFISet] = []
        if let list = reading.child(root, "Sets") {
            for node in reading.children(list, "Set") {
                var members: [REFIGUID] = []
                for member in reading.children(node, "MemberCode") {
                    let attribute = member.attributes["guid"] != nil ? "guid" : "targetGUID"
                    members.append(try reading.requiredGUID(member, attribute))
                }
                sets.append(REFISet(guid: try reading.requiredGUID(node, "guid"), name: try reading.requiredName(node),
                                    description: reading.description(node), memberCodes: members))
            }
        }
        let origin = root.attributes["origin"]
        let codebook = REFICodebook(codes: codes, sets: sets, origin: origin)
        var summary = reading.summary
        summary.origin = origin
        summary.codes = codebook.allCodes.count
        summary.sets = sets.count
        return REFICodebookImport(codebook: codebook, summary: summary)
    }

    private mutating func decodeCode(_ node: XMLTree) throws(InteropError) -> REFICode {
        let guid = try reading.requiredGUID(node, "guid")
        guard seen.insert(guid).inserted else {
            throw .duplicateGUID("\(reading.file): \(TreeReading.location(node)): code \(guid) appears twice in the codebook")
        }
        var children: [REFICode] = []
        for child in reading.children(node, "Code") { children.append(try decodeCode(child)) }
        return REFICode(guid: guid, name: try reading.requiredName(node), isCodable: reading.isCodable(node),
                        color: reading.color(node), description: reading.description(node), children: children)
    }
}
