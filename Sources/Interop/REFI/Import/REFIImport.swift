/// A project read from a `.qdpx`: texts normalised, positions mapped, and what the import did.
public struct REFIImport: Sendable, Equatable {
    public var project: REFIProject
    public var summary: ImportSummary
}

/// A codebook read from a `.qdc`, and what the import did.
public struct REFICodebookImport: Sendable, Equatable {
    public var codebook: REFICodebook
    public var summary: ImportSummary
}
