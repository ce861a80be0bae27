import Foundation

/// Zip archives built byte by byte, for the size-limit tests: an entry of
/// `1 + 258 × repeats` zero bytes, deflated by hand into one dynamic-Huffman
/// block that spends three bits per 258 bytes (about 690:1), so a 2 GiB entry
/// takes about 3 MB and no gigabyte is ever written or inflated here.
enum ZipBomb {
    /// The deflate stream of `1 + 258 × repeats` zero bytes.
    static func deflatedZeros(repeats: Int) -> [UInt8] {
        var w = BitWriter()
        w.bits(1, 1)  // BFINAL
        w.bits(2, 2)  // BTYPE = dynamic Huffman
        w.bits(29, 5)  // HLIT: 286 literal/length codes
        w.bits(0, 5)  // HDIST: 1 distance code
        w.bits(14, 4)  // HCLEN: 18 code-length codes
        // Code-length code lengths in the order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1:
        // symbol 18 gets 1 bit, symbols 1 and 2 get 2 bits.
        for length in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2] { w.bits(UInt32(length), 3) }
        // Canonical code-length codes: 18 → 0, 1 → 10, 2 → 11.
        w.huffman(0b10, 2)  // literal 0 has length 1
        w.huffman(0, 1); w.bits(138 - 11, 7)  // literals 1–138: length 0
        w.huffman(0, 1); w.bits(117 - 11, 7)  // literals 139–255: length 0
        w.huffman(0b11, 2)  // end of block (256): length 2
        w.huffman(0, 1); w.bits(28 - 11, 7)  // lengths 257–284: length 0
        w.huffman(0b11, 2)  // length code 285 (258 bytes): length 2
        w.huffman(0b10, 2)  // distance code 0 (distance 1): length 1
        // Literal/length codes: 0 → 0, 256 → 10, 285 → 11; distance code 0 → 0.
        w.huffman(0, 1)  // one literal zero
        var done = 0
        func repeatOnce(_ w: inout BitWriter) {
            w.huffman(0b11, 2)  // copy 258 bytes…
            w.huffman(0, 1)  // …from 1 byte back
        }
        while done < repeats && w.pending != 0 {
            repeatOnce(&w)
            done += 1
        }
        // Eight copies are 24 bits: three whole bytes that repeat.
        let blocks = (repeats - done) / 8
        if blocks > 0 {
            var probe = BitWriter()
            for _ in 0..<8 { repeatOnce(&probe) }
            let pattern = probe.bytes
            w.bytes.reserveCapacity(w.bytes.count + blocks * 3 + 16)
            for _ in 0..<blocks { w.bytes.append(contentsOf: pattern) }
            done += blocks * 8
        }
        while done < repeats {
            repeatOnce(&w)
            done += 1
        }
        w.huffman(0b10, 2)  // end of block
        w.flush()
        return w.bytes
    }

    /// A zip with one deflated entry at `path` whose headers declare `declaredSize`
    /// (the truth for an honest entry, a lie for a bomb). The CRC is not computed.
    static func archive(path: String, repeats: Int, declaredSize: UInt32, crc: UInt32 = 0) -> Data {
        let deflated = deflatedZeros(repeats: repeats)
        return archive(entries: [(path, deflated, declaredSize, 8, crc)])
    }

    /// A zip of the given entries (path, stored bytes, declared size, method 0 = stored or 8 = deflate, CRC-32).
    static func archive(entries: [(path: String, bytes: [UInt8], declaredSize: UInt32, method: UInt16, crc: UInt32)]) -> Data {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: UInt16, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
        for entry in entries {
            let name = Array(entry.path.utf8)
            let offset = UInt32(out.count)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(entry.method, &out); u16(0, &out); u16(0x21, &out)
            u32(entry.crc, &out); u32(UInt32(entry.bytes.count), &out); u32(entry.declaredSize, &out)
            u16(UInt16(name.count), &out); u16(0, &out); out += name
            out += entry.bytes
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(entry.method, &central)
            u16(0, &central); u16(0x21, &central); u32(entry.crc, &central); u32(UInt32(entry.bytes.count), &central)
            u32(entry.declaredSize, &central); u16(UInt16(name.count), &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0, &central); u32(0, &central); u32(offset, &central); central += name
        }
        let cdOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(UInt16(entries.count), &out); u16(UInt16(entries.count), &out)
        u32(UInt32(central.count), &out); u32(cdOffset, &out); u16(0, &out)
        return Data(out)
    }
}

/// Writes bits least significant first, as deflate packs them.
struct BitWriter {
    var bytes: [UInt8] = []
    private var current: UInt32 = 0
    private(set) var pending = 0

    mutating func bits(_ value: UInt32, _ count: Int) {
        for i in 0..<count {
            current |= ((value >> UInt32(i)) & 1) << UInt32(pending)
            pending += 1
            if pending == 8 {
                bytes.append(UInt8(current))
                current = 0
                pending = 0
            }
        }
    }

    /// A Huffman code, most significant bit first.
    mutating func huffman(_ code: UInt32, _ length: Int) {
        for i in stride(from: length - 1, through: 0, by: -1) { bits((code >> UInt32(i)) & 1, 1) }
    }

    mutating func flush() {
        if pending > 0 {
            bytes.append(UInt8(current))
            current = 0
            pending = 0
        }
    }
}
