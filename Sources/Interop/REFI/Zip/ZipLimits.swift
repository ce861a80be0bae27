/// How much a `.qdpx` may expand to before the import refuses it. The limits
/// are checked twice: against the sizes the archive declares, before anything
/// is inflated, and against the bytes actually inflated, while inflating, so an
/// entry that lies about its size stops at the first chunk past its claim.
/// Entries are inflated into memory only, never onto disk.
public struct ZipLimits: Sendable, Equatable {
    /// Entries in the archive's central directory.
    public var maxEntries: Int
    /// Bytes one inflated entry may have.
    public var maxEntryBytes: Int64
    /// Bytes all inflated entries together may have.
    public var maxTotalBytes: Int64
    /// Inflated ÷ compressed size of one entry. Text compresses about 3–10×;
    /// deflate cannot exceed about 1032×, which is what zip bombs use.
    public var maxCompressionRatio: Double
    /// The ratio is only judged once an entry is at least this big (small files compress unevenly).
    public var ratioThresholdBytes: Int64

    public init(
        maxEntries: Int = 100_000, maxEntryBytes: Int64 = 256 << 20, maxTotalBytes: Int64 = 1 << 30,
        maxCompressionRatio: Double = 200, ratioThresholdBytes: Int64 = 1 << 20
    ) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioThresholdBytes = ratioThresholdBytes
    }

    /// 100,000 entries, 256 MiB per entry, 1 GiB in all, ratio 200 past 1 MiB.
    public static let standard = ZipLimits()
}
