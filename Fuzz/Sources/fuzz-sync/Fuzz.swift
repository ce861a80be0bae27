import Store
import SyncProtocol

/// What a hub reads from a stranger before trusting anything: the
/// `Authorization` header and the `/v2/sync` request body. The first byte picks
/// which one gets the rest.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let rest = Array(bytes.dropFirst())
    if bytes[0] & 1 == 0 {
        if let signature = RequestSignature.parse(String(decoding: rest, as: UTF8.self)) {
            _ = signature.isFresh(now: Int64.min)
            _ = signature.isFresh(now: Int64.max)
            _ = signature.isFresh(now: 1_764_547_200)
            guard RequestSignature.parse(signature.header) == signature else {
                fatalError("a parsed Authorization header does not round-trip")
            }
        }
    } else {
        if let request = try? SyncRequest(body: rest) {
            _ = request.body
        }
    }
    return 0
}
