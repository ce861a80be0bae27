import Foundation
import Interop

/// The REFI-QDA XML reader (the tree parser and the codebook decoder that
/// `.qdc` and the codebook of `.qdpx` share): any bytes are read or refused with
/// an `InteropError`, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    _ = try? QDCReader.read(data)
    return 0
}
