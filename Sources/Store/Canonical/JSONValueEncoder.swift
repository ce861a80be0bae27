/// Encodes an `Encodable` value straight into a `JSONValue`.
///
/// Foundation's `JSONEncoder` only writes bytes, and its bytes are not
/// canonical (it escapes `/`, orders keys its own way). A command that adds a
/// field to an encoded report and prints it canonically would otherwise write
/// bytes, parse them back and write them again. Hand-written because Foundation
/// offers no encoder into a value tree; it follows `JSONEncoder`'s rules for
/// what a value becomes (integers stay integers, a non-finite double is an
/// error, `nil` in an optional written with `encode` is `null`).
public enum JSONValueEncoder {
    public static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let slot = Slot()
        try slot.store(value, codingPath: [])
        return slot.value
    }
}

/// One place in the tree being built: a value, an object or an array whose
/// members are filled in by containers handed out before they were written.
private final class Slot {
    private var leaf: JSONValue = .null
    private var object: [String: Slot]?
    private var array: [Slot]?

    var value: JSONValue {
        if let object { return .object(object.mapValues(\.value)) }
        if let array { return .array(array.map(\.value)) }
        return leaf
    }

    func set(_ value: JSONValue) { leaf = value; object = nil; array = nil }

    func member(_ key: String) -> Slot {
        if object == nil { object = [:] }
        let child = Slot()
        object![key] = child
        return child
    }

    func makeObject() { if object == nil { object = [:]; array = nil } }
    func makeArray() { if array == nil { array = []; object = nil } }

    func appended() -> Slot {
        makeArray()
        let child = Slot()
        array!.append(child)
        return child
    }

    var count: Int { array?.count ?? 0 }

    func store<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
        switch value {
        case let v as String: set(.string(v))
        case let v as Bool: set(.bool(v))
        case let v as Int: set(.int(Int64(v)))
        case let v as Int64: set(.int(v))
        case let v as Int32: set(.int(Int64(v)))
        case let v as UInt32: set(.int(Int64(v)))
        case let v as UInt: try set(.int(Self.exact(v, codingPath)))
        case let v as UInt64: try set(.int(Self.exact(v, codingPath)))
        case let v as Double: try set(Self.number(v, codingPath))
        case let v as Float: try set(Self.number(Double(v), codingPath))
        default: try value.encode(to: SlotEncoder(slot: self, codingPath: codingPath))
        }
    }

    private static func exact<I: BinaryInteger>(_ v: I, _ path: [any CodingKey]) throws -> Int64 {
        guard let i = Int64(exactly: v) else {
            throw EncodingError.invalidValue(v, .init(codingPath: path, debugDescription: "\(v) does not fit in a JSON integer"))
        }
        return i
    }

    private static func number(_ v: Double, _ path: [any CodingKey]) throws -> JSONValue {
        guard v.isFinite else {
            throw EncodingError.invalidValue(v, .init(codingPath: path, debugDescription: "\(v) is not a JSON number"))
        }
        return .double(v)
    }
}

private struct SlotEncoder: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        slot.makeObject()
        return KeyedEncodingContainer(KeyedSlot(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        slot.makeArray()
        return UnkeyedSlot(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleSlot(slot: slot, codingPath: codingPath)
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct KeyedSlot<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.member(key.stringValue).set(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try slot.member(key.stringValue).store(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = slot.member(key.stringValue)
        child.makeObject()
        return KeyedEncodingContainer(KeyedSlot<NestedKey>(slot: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = slot.member(key.stringValue)
        child.makeArray()
        return UnkeyedSlot(slot: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        SlotEncoder(slot: slot.member("super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        SlotEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedSlot: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int { slot.count }

    private var nextPath: [any CodingKey] { codingPath + [IndexKey(count)] }

    mutating func encodeNil() throws { slot.appended().set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = nextPath
        try slot.appended().store(value, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = nextPath
        let child = slot.appended()
        child.makeObject()
        return KeyedEncodingContainer(KeyedSlot<NestedKey>(slot: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = nextPath
        let child = slot.appended()
        child.makeArray()
        return UnkeyedSlot(slot: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let path = nextPath
        return SlotEncoder(slot: slot.appended(), codingPath: path)
    }
}

private struct SingleSlot: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try slot.store(value, codingPath: codingPath) }
}
