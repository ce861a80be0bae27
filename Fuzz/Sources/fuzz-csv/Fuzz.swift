@_spi(Fuzzing) import Project

/// The RFC 4180 parser behind `accord import codings`: any text parses or is
/// refused with `bad_csv`, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    if let rows = try? CSV.parse(text) {
        for row in rows { precondition(row.line >= 1) }
    }
    return 0
}
