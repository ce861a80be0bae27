import Foundation
import Store

/// `GET /v1/info`: which project a replica serves, in which protocol, and
/// the replica's own id, which every signed request names.
public struct ProjectInfo: Sendable, Equatable {
    public var project: String
    public var name: String
    public var protocolVersion: Int64
    /// The serving replica's id (protocol 2); nil from a protocol-1 server.
    public var replica: String?

    public var json: JSONValue {
        var object: [String: JSONValue] = ["project": .string(project), "name": .string(name), "protocol": .int(protocolVersion)]
        if let replica { object["replica"] = .string(replica) }
        return .object(object)
    }

    public init(project: String, name: String, protocolVersion: Int64 = SyncWire.version, replica: String? = nil) {
        self.project = project
        self.name = name
        self.protocolVersion = protocolVersion
        self.replica = replica
    }

    public init(json: JSONValue) throws(AccordError) {
        guard let project = json["project"]?.stringValue, let name = json["name"]?.stringValue,
              let version = json["protocol"]?.intValue
        else { throw AccordError("bad_response", "the server's /v1/info answer is not an accord project description") }
        let replica = json["replica"]?.stringValue
        if let replica, !Hex.isLowercase(replica, bytes: 16) {
            throw AccordError("bad_response", "the server's /v1/info names a replica id that is not 32 hex digits")
        }
        self.init(project: project, name: name, protocolVersion: version, replica: replica)
    }

    public var body: [UInt8] { CanonicalJSON.encode(json) }
}

/// `POST /v2/sync` request: what the caller has.
public struct SyncRequest: Sendable, Equatable {
    public var project: String
    public var have: [String: Int64]
    public var maxBytes: Int

    public init(project: String, have: [String: Int64], maxBytes: Int) {
        self.project = project
        self.have = have
        self.maxBytes = maxBytes
    }

    public var body: [UInt8] {
        CanonicalJSON.encode(["project": .string(project), "have": .object(have.mapValues { .int($0) }), "max_bytes": .int(Int64(maxBytes))])
    }

    /// Parses a request body, refusing anything malformed with `bad_request`.
    public init(body: [UInt8]) throws(AccordError) {
        let json: JSONValue
        do { json = try JSONParser.parse(body) } catch { throw AccordError("bad_request", "the body is not JSON: \(error)") }
        guard let project = json["project"]?.stringValue, let have = json["have"]?.objectValue,
              let maxBytes = json["max_bytes"]?.intValue, maxBytes > 0
        else { throw AccordError("bad_request", "expected {\"project\": id, \"have\": {author: seq}, \"max_bytes\": n}") }
        var vector: [String: Int64] = [:]
        for (author, seq) in have {
            guard Hex.isDigest(author), let s = seq.intValue, s >= 0 else {
                throw AccordError("bad_request", "`have` maps author keys to seqs")
            }
            vector[author] = s
        }
        self.init(project: project, have: vector, maxBytes: Int(maxBytes))
    }
}

/// `POST /v2/sync` response: the server's heads and a page of events.
public struct SyncResponse: Sendable {
    /// The server's seq for each author where it differs from the request's
    /// `have` (0 for an author it does not know): for the others it equals
    /// `have`, so an up-to-date exchange carries no vector back.
    public var heads: [String: Int64]
    /// SHA-256 over every author's (key, seq, head id), its first 16 bytes in
    /// hex: an addition to
    /// DESIGN §7's shape (readers ignore fields they do not know) that lets
    /// a client whose heads match notice that some author's head *event*
    /// differs — a fork the version vector cannot show — for 32 bytes.
    public var headsDigest: String?
    public var events: [[UInt8]]
    public var more: Bool
    /// Each author's highest seq among `events`, as read from them (not
    /// sent): what the reader will hold once it has stored the page, since
    /// a page carries each author's events from `have` on without a gap.
    /// Empty for a response built to be sent.
    public var through: [String: Int64] = [:]

    public init(heads: [String: Int64], headsDigest: String? = nil, events: [[UInt8]], more: Bool) {
        self.heads = heads
        self.headsDigest = headsDigest
        self.events = events
        self.more = more
    }

    /// The body, each event embedded as its stored canonical bytes.
    public var body: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bodyLength)
        for piece in bodyPieces { out.append(contentsOf: piece) }
        return out
    }

    /// The body in order as pieces that share the events' storage: a server
    /// writes them out as they come, never holding the page twice.
    public var bodyPieces: [[UInt8]] {
        var pieces: [[UInt8]] = [Array(#"{"events":["#.utf8)]
        pieces.reserveCapacity(events.count * 2 + 2)
        for (i, event) in events.enumerated() {
            if i > 0 { pieces.append(SyncResponse.comma) }
            pieces.append(event)
        }
        var tail = Array(#"],"heads":"#.utf8)
        CanonicalJSON.write(.object(heads.mapValues { .int($0) }), into: &tail)
        if let headsDigest { tail.append(contentsOf: Array(#","heads_digest":"\#(headsDigest)""#.utf8)) }
        tail.append(contentsOf: Array(#","more":\#(more ? "true" : "false")}"#.utf8))
        pieces.append(tail)
        return pieces
    }

    /// The length of `body`, without building it.
    public var bodyLength: Int { bodyPieces.reduce(0) { $0 + $1.count } }

    static let comma: [UInt8] = [UInt8(ascii: ",")]

    /// Reads a response; each event's canonical bytes are recomputed from its
    /// object (a canonical event re-encodes to itself, so nothing is lost).
    /// The events are read one at a time, each re-encoded and let go, so a
    /// page of a few MiB never stands as one tree of values.
    public init(body: [UInt8]) throws(AccordError) {
        var events: [[UInt8]] = []
        var through: [String: Int64] = [:]
        let json: JSONValue, listed: Bool
        do {
            (json, listed) = try JSONParser.parse(body, streaming: "events") { event in
                events.append(CanonicalJSON.encode(event))
                if let author = event["author"]?.stringValue, let seq = event["seq"]?.intValue {
                    through[author] = max(through[author] ?? 0, seq)
                }
            }
        } catch { throw AccordError("bad_response", "the sync answer is not JSON: \(error)") }
        guard listed, let heads = json["heads"]?.objectValue, let more = json["more"]?.boolValue else {
            throw AccordError("bad_response", "the sync answer lacks events, heads or more")
        }
        self.init(heads: heads.compactMapValues(\.intValue), headsDigest: json["heads_digest"]?.stringValue, events: events, more: more)
        self.through = through
    }
}

/// One line of a `POST /v2/events` answer.
public struct PushResult: Sendable, Equatable {
    public var line: Int
    public var id: String?
    public var outcome: ReceiveOutcome

    public init(line: Int, id: String?, outcome: ReceiveOutcome) {
        self.line = line
        self.id = id
        self.outcome = outcome
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = ["line": .int(Int64(line)), "id": id.map { .string($0) } ?? .null]
        switch outcome {
        case .accepted: object["status"] = "accepted"
        case .duplicate: object["status"] = "duplicate"
        case .rejected(let error):
            object["status"] = "rejected"
            object["code"] = .string(error.code)
            object["message"] = .string(error.message)
        }
        return .object(object)
    }

    public init(json: JSONValue) throws(AccordError) {
        guard let line = json["line"]?.intValue, let status = json["status"]?.stringValue else {
            throw AccordError("bad_response", "a push result lacks line or status")
        }
        self.line = Int(line)
        id = json["id"]?.stringValue
        switch status {
        case "accepted": outcome = .accepted
        case "duplicate": outcome = .duplicate
        default: outcome = .rejected(AccordError(json["code"]?.stringValue ?? "rejected", json["message"]?.stringValue ?? ""))
        }
    }

    public static func body(_ results: [PushResult]) -> [UInt8] {
        Array(bodyPieces(results).joined())
    }

    /// The `{"results": [...]}` answer as pieces, one per result, each
    /// encoded only when it is reached: a server streams them out.
    public static func bodyPieces(_ results: [PushResult]) -> Pieces { Pieces(results: results) }

    public struct Pieces: Sequence, Sendable {
        let results: [PushResult]

        public func makeIterator() -> AnyIterator<[UInt8]> {
            var next = -1
            return AnyIterator {
                defer { next += 1 }
                if next == -1 { return Array(#"{"results":["#.utf8) }
                if next < results.count {
                    return (next > 0 ? SyncResponse.comma : []) + CanonicalJSON.encode(results[next].json)
                }
                return next == results.count ? Array("]}".utf8) : nil
            }
        }
    }
}

/// Splits a JSON-lines body into its non-empty lines.
///
/// Lines end in `\n` alone (events/README.md §2): a `\r` before it stays
/// part of the line, so a line ending in `\r\n` is refused as
/// non-canonical, as every spec-following replica refuses it.
public enum JSONLines {
    public static func split(_ body: [UInt8]) -> [[UInt8]] {
        body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map(Array.init)
    }

    /// How many lines `split` would return, counting no further than
    /// `limit + 1`: a server refuses an over-long push before it builds a
    /// single line.
    public static func count(_ body: [UInt8], atMost limit: Int) -> Int {
        var count = 0
        var length = 0
        for byte in body {
            if byte == UInt8(ascii: "\n") {
                if length > 0 {
                    count += 1
                    if count > limit { return count }
                }
                length = 0
            } else {
                length += 1
            }
        }
        return length > 0 ? count + 1 : count
    }

    public static func join(_ lines: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for line in lines {
            out.append(contentsOf: line)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}
