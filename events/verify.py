#!/usr/bin/env python3
"""Checks an accord audit package (`accord audit export DIR`) with no accord code.

    pip install cryptography
    python3 events/verify.py DIR        # exit 0: intact; 1: the first problem on stderr

It checks, for every line of DIR/events.jsonl: that the line is the canonical
bytes of its event (README section 2), that `id` is the SHA-256 of the event
without `id` and `sig` (section 3), that `sig` verifies against `author`
(section 4), that every event of the project names the first line as its
`project`, and that `prev` (the author's event at seq - 1) and every dep come
on an earlier line (section 5). Then that DIR/manifest.json is signed by its
`exporter` over the SHA-256 of its canonical bytes without `sig`, and that its
event count, SHA-256 of events.jsonl and chain tips match the file.
"""
import hashlib
import json
import os
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


class Tampered(Exception):
    pass


def _string(s, out):
    out.append('"')
    for ch in s:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif c < 0x20:
            out.append({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}.get(c, "\\u%04x" % c))
        else:
            out.append(ch)
    out.append('"')


def _write(v, out):
    # RFC 8785 for the values events hold: strings, integers, booleans, null,
    # arrays and objects (members sorted by their UTF-16 code units).
    if v is None:
        out.append("null")
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif isinstance(v, int):
        out.append(str(v))
    elif isinstance(v, str):
        _string(v, out)
    elif isinstance(v, list):
        out.append("[")
        for i, item in enumerate(v):
            if i:
                out.append(",")
            _write(item, out)
        out.append("]")
    elif isinstance(v, dict):
        out.append("{")
        for i, key in enumerate(sorted(v, key=lambda k: k.encode("utf-16-be", "surrogatepass"))):
            if i:
                out.append(",")
            _string(key, out)
            out.append(":")
            _write(v[key], out)
        out.append("}")
    else:
        raise Tampered("a value that is not a string, integer, boolean, null, array or object: %r" % (v,))


def canonical(value):
    out = []
    _write(value, out)
    return "".join(out).encode("utf-8")


def _reject_float(text):
    raise Tampered("a number that is not an integer: %s" % text)


def verify_signature(public_hex, message, sig_hex, what):
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(bytes.fromhex(sig_hex), message)
    except (InvalidSignature, ValueError) as error:
        raise Tampered("%s: the signature does not verify (%s)" % (what, type(error).__name__))


def check_events(path):
    seen = {}  # id -> (author, seq)
    tips = set()
    project = None
    digest = hashlib.sha256()
    count = 0
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            digest.update(raw)
            where = "events.jsonl line %d" % number
            if not raw.endswith(b"\n") or raw.endswith(b"\r\n"):
                raise Tampered("%s: a line must end with a single LF" % where)
            line = raw[:-1]
            try:
                event = json.loads(line.decode("utf-8"), parse_float=_reject_float, parse_constant=_reject_float)
            except (UnicodeDecodeError, ValueError) as error:
                raise Tampered("%s: not JSON (%s)" % (where, error))
            if not isinstance(event, dict):
                raise Tampered("%s: not an event object" % where)
            if canonical(event) != line:
                raise Tampered("%s: not the canonical bytes of its event" % where)
            for field in ("id", "sig", "author", "seq", "deps"):
                if field not in event:
                    raise Tampered("%s: no `%s`" % (where, field))
            body = {k: v for k, v in event.items() if k not in ("id", "sig")}
            if hashlib.sha256(canonical(body)).hexdigest() != event["id"]:
                raise Tampered("%s: `id` is not the SHA-256 of the event (changed bytes)" % where)
            verify_signature(event["author"], bytes.fromhex(event["id"]), event["sig"], where)
            if event["id"] in seen:
                raise Tampered("%s: event %s appears twice" % (where, event["id"]))
            if number == 1:
                if event.get("type") != "project.created" or "project" in event:
                    raise Tampered("%s: the first line must be the project.created event" % where)
                project = event["id"]
            elif event.get("project") != project:
                raise Tampered("%s: `project` is not the first line's event" % where)
            prev = event.get("prev")
            if event["seq"] == 1:
                if prev is not None:
                    raise Tampered("%s: seq 1 with a `prev`" % where)
            else:
                if prev not in seen:
                    raise Tampered("%s: its prev %s is not on an earlier line (dropped or reordered)" % (where, prev))
                if seen[prev] != (event["author"], event["seq"] - 1):
                    raise Tampered("%s: its prev is not the same author's event at seq %d" % (where, event["seq"] - 1))
                tips.discard(prev)
            for dep in event["deps"]:
                if dep not in seen:
                    raise Tampered("%s: its dep %s is not on an earlier line (dropped or reordered)" % (where, dep))
            seen[event["id"]] = (event["author"], event["seq"])
            tips.add(event["id"])
            count += 1
    return count, digest.hexdigest(), sorted(tips)


def check_manifest(path, count, sha, tips):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        manifest = json.loads(raw.decode("utf-8"), parse_float=_reject_float)
    except (UnicodeDecodeError, ValueError) as error:
        raise Tampered("manifest.json: not JSON (%s)" % error)
    if not isinstance(manifest, dict) or "sig" not in manifest or "exporter" not in manifest:
        raise Tampered("manifest.json: no `sig` or `exporter`")
    unsigned = {k: v for k, v in manifest.items() if k != "sig"}
    verify_signature(manifest["exporter"], hashlib.sha256(canonical(unsigned)).digest(), manifest["sig"], "manifest.json")
    if manifest.get("events") != count:
        raise Tampered("manifest.json: says %r events, events.jsonl holds %d" % (manifest.get("events"), count))
    if manifest.get("events_sha256") != sha:
        raise Tampered("manifest.json: events.jsonl's SHA-256 is %s, the manifest says %r" % (sha, manifest.get("events_sha256")))
    if manifest.get("tips") != tips:
        raise Tampered("manifest.json: the chain tips differ from events.jsonl's")
    return manifest


def main(argv):
    if len(argv) != 2:
        print("usage: verify.py AUDIT_DIR", file=sys.stderr)
        return 2
    directory = argv[1]
    try:
        count, sha, tips = check_events(os.path.join(directory, "events.jsonl"))
        manifest = check_manifest(os.path.join(directory, "manifest.json"), count, sha, tips)
    except Tampered as problem:
        print("TAMPERED: %s" % problem, file=sys.stderr)
        return 1
    except OSError as error:
        print("unreadable: %s" % error, file=sys.stderr)
        return 1
    print("ok: %d events, every id, chain link and signature checks; manifest signed by %s; state_digest %s"
          % (count, manifest["exporter"], manifest.get("state_digest")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
