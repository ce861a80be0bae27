/// A version vector: for each chain (by the replica's local chain index),
/// the highest seq in an event's causal past, the event itself included.
///
/// An author's events form one chain, or after a fork a tree cut into chains
/// at each fork point (events/README §11.4); hash-linked chains make this
/// exact: event (c, s) is in the causal past of e iff clock(e)[c] ≥ s.
/// Validity must depend on the causal past alone, or replicas receiving
/// events in different orders would disagree on what is valid; the clock
/// makes that check one lookup.
public struct CausalClock: Sendable, Equatable {
    public private(set) var entries: [Int64: Int64] = [:]

    public init() {}

    public init(entries: [Int64: Int64]) { self.entries = entries }

    public subscript(chain: Int64) -> Int64 { entries[chain] ?? 0 }

    public func includes(chain: Int64, seq: Int64) -> Bool { self[chain] >= seq }

    public mutating func merge(_ other: CausalClock) {
        for (a, s) in other.entries where s > self[a] { entries[a] = s }
    }

    public mutating func advance(chain: Int64, to seq: Int64) {
        if seq > self[chain] { entries[chain] = seq }
    }

    /// 12 bytes per chain: index (Int32) and seq (Int64), little endian, sorted.
    public var blob: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 12)
        for (a, s) in entries.sorted(by: { $0.key < $1.key }) {
            withUnsafeBytes(of: Int32(a).littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: s.littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }

    public init(blob: [UInt8]) {
        var i = 0
        while i + 12 <= blob.count {
            var a: Int32 = 0
            var s: Int64 = 0
            withUnsafeMutableBytes(of: &a) { $0.copyBytes(from: blob[i..<i + 4]) }
            withUnsafeMutableBytes(of: &s) { $0.copyBytes(from: blob[i + 4..<i + 12]) }
            entries[Int64(Int32(littleEndian: a))] = Int64(littleEndian: s)
            i += 12
        }
    }
}
