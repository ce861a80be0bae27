/// Canonical JSON for many objects with the same member names (the rows of
/// a listing): the names are put in JCS order once, not sorted again for
/// every row as `CanonicalJSON.write` sorts a dictionary's keys, and no
/// dictionary is built per row. The bytes are those `CanonicalJSON.encode`
/// gives the same object.
public struct CanonicalObjectShape: Sendable {
    /// For each position in JCS order, the index of that name in `init`'s list.
    let order: [Int]
    /// `"name":`, canonically encoded, in JCS order.
    let prefixes: [[UInt8]]

    /// `names` must be distinct; `write` takes values in this order.
    public init(_ names: [String]) {
        precondition(Set(names).count == names.count, "member names repeat")
        let sorted = CanonicalJSON.sortedKeys(names)
        let position = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        order = sorted.map { position[$0]! }
        prefixes = sorted.map { name in
            var out: [UInt8] = []
            CanonicalJSON.writeString(name, into: &out)
            out.append(UInt8(ascii: ":"))
            return out
        }
    }

    /// Writes one object: `values[i]` is the value of the i-th name given to `init`.
    public func write(_ values: [JSONValue], into out: inout [UInt8]) {
        precondition(values.count == order.count, "one value per member name")
        out.append(UInt8(ascii: "{"))
        for (n, i) in order.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: prefixes[n])
            CanonicalJSON.write(values[i], into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
