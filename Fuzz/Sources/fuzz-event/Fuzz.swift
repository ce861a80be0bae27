import Store

/// The strict JSON parser and the event decoder: every byte string either
/// parses or is refused with an error, never a trap. A value that parses must
/// survive a canonical round trip unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    if let value = try? JSONParser.parse(bytes) {
        let canonical = CanonicalJSON.encode(value)
        guard let again = try? JSONParser.parse(canonical), CanonicalJSON.encode(again) == canonical else {
            fatalError("canonical form of a parsed value does not parse back to itself")
        }
    }
    if let event = try? Event(bytes: bytes) {
        _ = try? event.verifySignature()
    }
    return 0
}
