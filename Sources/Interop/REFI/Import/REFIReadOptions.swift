/// How an import reads a REFI-QDA file.
public struct REFIReadOptions: Sendable, Equatable {
    /// Size limits for `.qdpx` archives.
    public var limits: ZipLimits
    /// How the exporter counted positions; nil chooses per file (see `PositionConventionChooser`).
    public var positionConvention: PositionConvention?
    /// When true, any schema violation other than an unknown element or
    /// attribute refuses the file. When false (the default), the import accepts
    /// what real tools write — children out of order, a missing `isCodable`
    /// (read as true), a malformed colour or date (dropped) — and counts each
    /// deviation in the summary; it still refuses what it cannot read without
    /// guessing: a missing or malformed GUID, name or position, a coding
    /// without its code reference.
    public var strictSchema: Bool

    public init(limits: ZipLimits = .standard, positionConvention: PositionConvention? = nil, strictSchema: Bool = false) {
        self.limits = limits
        self.positionConvention = positionConvention
        self.strictSchema = strictSchema
    }
}
