import Store
import SyncProtocol

/// What a hub reads from a stranger before trusting anything: the
/// `Authorization` header and the `/v2/sync` request body; and what a
/// replica reads from a hub: the `/v2/sync` answer. The first byte picks
/// which one gets the rest: even, the header; 1 mod 4, the request; 3 mod
/// 4, the answer.
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
    } else if bytes[0] & 3 == 1 {
        if let request = try? SyncRequest(body: rest) {
            _ = request.body
        }
    } else if let answer = try? SyncResponse(body: rest) {
        // Written again (its digest aside, which a reader only compares) and
        // read back, it must give the same page.
        let written = SyncResponse(heads: answer.heads, events: answer.events, more: answer.more)
        guard let again = try? SyncResponse(body: written.body), again.events == answer.events, again.more == answer.more,
              again.heads == answer.heads, again.through == answer.through
        else { fatalError("a sync answer read back from its own body differs") }
    }
    return 0
}
