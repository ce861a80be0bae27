import Crypto
import Foundation
import Store

/// What `audit export` wrote.
public struct AuditExport: Sendable {
    public var events: Int
    public var manifest: JSONValue
}

extension Replica {
    /// Writes an audit package into `directory` (which must be new or empty):
    ///
    /// - `events.jsonl`: every event's exact bytes, one per line, each after
    ///   its `prev` and `deps`, so a verifier can check ids, chain links and
    ///   signatures in one pass;
    /// - `keys.json`: every member with their role and public keys, and the
    ///   key that signed the manifest;
    /// - `manifest.json`: the project, the number of events, the SHA-256 of
    ///   `events.jsonl`, the chain tips, the heads and state digests, the
    ///   exporting key and time, signed by that key over the manifest's
    ///   canonical bytes without `sig` (the way an event is signed over its
    ///   id: here the signed message is the SHA-256 of those bytes).
    ///
    /// `events/verify.py DIRECTORY` checks a package with no accord code.
    public func exportAudit(to directory: URL, by key: SigningKey, now: Date = Date()) throws(AccordError) -> AuditExport {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw AccordError("audit_dir_not_empty", "\(directory.path) is a file; give a new or empty folder") }
            let entries = (try? files.contentsOfDirectory(atPath: directory.path)) ?? []
            guard entries.isEmpty else { throw AccordError("audit_dir_not_empty", "\(directory.path) is not empty; give a new or empty folder") }
        }
        guard let project = try store.project() else { throw AccordError("no_project", "this replica holds no project yet") }
        let catalog = try store.catalog()
        let status = try store.status()
        let tips = try store.chainTips()
        let headsDigest = try store.headsDigest()

        let eventsFile = directory.appendingPathComponent("events.jsonl")
        var hasher = SHA256()
        var count = 0
        do {
            try files.createDirectory(at: directory, withIntermediateDirectories: true)
            // A file that could not be made fails to open just below.
            _ = files.createFile(atPath: eventsFile.path, contents: nil)
            let handle = try FileHandle(forWritingTo: eventsFile)
            defer { try? handle.close() }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            try store.forEachEvent { bytes in
                buffer.append(contentsOf: bytes)
                buffer.append(0x0A)
                count += 1
                if buffer.count >= 1 << 20 {
                    hasher.update(data: buffer)
                    try handle.write(contentsOf: Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            hasher.update(data: buffer)
            try handle.write(contentsOf: Data(buffer))
        } catch let error as AccordError { throw error } catch {
            throw AccordError("write_failed", "could not write \(eventsFile.path): \(error)")
        }

        let keys: JSONValue = [
            "members": .array(catalog.members.map { member in
                ["id": .string(member.id), "name": .string(member.name), "role": .string(member.role.rawValue),
                 "removed": .bool(member.removed), "keys": .array(member.keys.sorted().map(JSONValue.string))]
            }),
            "exporter": .string(key.publicHex),
        ]
        var manifest: JSONValue = [
            "format": "accord-audit-1",
            "project": .string(project),
            "name": .string(status.name),
            "events": .int(Int64(count)),
            "events_sha256": .string(Hex.encode(hasher.finalize())),
            "tips": .array(tips.map(JSONValue.string)),
            "heads_digest": .string(headsDigest),
            "state_digest": .string(status.stateDigest),
            "exported_at": .string(ISO8601DateFormatter().string(from: now)),
            "exporter": .string(key.publicHex),
        ]
        let unsigned = CanonicalJSON.encode(manifest)
        if case .object(var fields) = manifest {
            fields["sig"] = .string(key.sign(Array(SHA256.hash(data: unsigned))))
            manifest = .object(fields)
        }
        do {
            try Data(CanonicalJSON.encode(keys) + [0x0A]).write(to: directory.appendingPathComponent("keys.json"))
            try Data(CanonicalJSON.encode(manifest) + [0x0A]).write(to: directory.appendingPathComponent("manifest.json"))
        } catch {
            throw AccordError("write_failed", "could not write into \(directory.path): \(error)")
        }
        return AuditExport(events: count, manifest: manifest)
    }
}
