/// A codebook: the code tree and, in a `.qdc`, sets of codes.
public struct REFICodebook: Equatable, Sendable {
    /// Top-level codes; hierarchy is by nesting.
    public var codes: [REFICode]
    /// Sets of codes. A `.qdc` keeps them here; inside a project they live in `REFIProject.sets`.
    public var sets: [REFISet]
    /// The software that wrote a `.qdc` (its `origin` attribute).
    public var origin: String?

    public init(codes: [REFICode] = [], sets: [REFISet] = [], origin: String? = nil) {
        self.codes = codes
        self.sets = sets
        self.origin = origin
    }

    /// Every code, parents before children, in document order.
    public var allCodes: [REFICode] {
        var out: [REFICode] = []
        func walk(_ codes: [REFICode]) {
            for code in codes {
                out.append(code)
                walk(code.children)
            }
        }
        walk(codes)
        return out
    }

    /// Every code with the names of its ancestors and itself (its path), parents first.
    public var codePaths: [(path: [String], code: REFICode)] {
        var out: [(path: [String], code: REFICode)] = []
        func walk(_ codes: [REFICode], _ prefix: [String]) {
            for code in codes {
                let path = prefix + [code.name]
                out.append((path, code))
                walk(code.children, path)
            }
        }
        walk(codes, [])
        return out
    }
}

/// One code (`<Code guid name isCodable color?>`), with its description and children.
public struct REFICode: Equatable, Sendable {
    public var guid: REFIGUID
    public var name: String
    /// False for a category that only groups other codes and is never applied.
    public var isCodable: Bool
    /// `#rrggbb` (lowercase; `#rgb` is widened on import), or nil.
    public var color: String?
    public var description: String?
    public var children: [REFICode]

    public init(
        guid: REFIGUID, name: String, isCodable: Bool = true, color: String? = nil, description: String? = nil,
        children: [REFICode] = []
    ) {
        self.guid = guid
        self.name = name
        self.isCodable = isCodable
        self.color = color
        self.description = description
        self.children = children
    }
}
