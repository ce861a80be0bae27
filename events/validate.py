#!/usr/bin/env python3
"""Checks a JSONL file of accord events, line by line, without a store.

    pip install jsonschema cryptography
    python3 events/validate.py FILE.jsonl

For every line: strict JSON, RFC 8785 canonical form, the envelope
(events/schema/envelope.schema.json), the id, the body (the schema of its
type plus the rules JSON Schema cannot say: sorted id lists, start < end,
document text normalised with a matching sha256 and length, ...), and the
Ed25519 signature. These are the context-free rules of events/README.md;
rules that need the rest of the log (chains, causal past, roles,
references, clock) are not checked here.

Exit status 0 when every line is valid; 1 at the first invalid line, printed
as `FILE:LINE: CODE: message` on stderr with an accord error code; 2 when the
file or the schemas cannot be read.
"""

import hashlib
import json
import os
import sys
import unicodedata

try:
    import jsonschema
    from referencing import Registry, Resource
except ImportError:  # pragma: no cover
    sys.exit("validate.py needs jsonschema: pip install jsonschema cryptography")
try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
except ImportError:  # pragma: no cover
    sys.exit("validate.py needs cryptography: pip install jsonschema cryptography")

MAX_BYTES = 32 * 1024 * 1024
MAX_INT = 2 ** 53
SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema")
TYPES = [
    "project.created", "member.added", "member.changed", "member.removed", "document.added", "document.retired",
    "code.defined", "code.changed", "code.merged", "code.retired", "segment.coded", "segment.uncoded",
    "memo.added", "document.done", "adjudication.decided",
]
HEX = set("0123456789abcdef")


class Invalid(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


# --- strict JSON ---------------------------------------------------------------


def _pairs(pairs):
    seen = set()
    for key, _ in pairs:
        # accord compares member names as Unicode strings: canonically
        # equivalent names (NFC vs NFD spellings) are duplicates too.
        norm = unicodedata.normalize("NFD", key)
        if norm in seen:
            raise Invalid("malformed", "duplicate member name %r" % key)
        seen.add(norm)
    return dict(pairs)


def _int(text):
    value = int(text)
    if abs(value) > MAX_INT:
        raise Invalid("malformed", "integer beyond ±2^53: %s" % text)
    return value


def _float(text):
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise Invalid("malformed", "number out of range: %s" % text)
    return value


def _constant(text):
    raise Invalid("malformed", "%s is not JSON" % text)


def parse(raw):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Invalid("malformed", "invalid UTF-8: %s" % e)
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_int=_int, parse_float=_float,
                          parse_constant=_constant)
    except Invalid:
        raise
    except ValueError as e:
        raise Invalid("malformed", "not JSON: %s" % e)


# --- RFC 8785 ------------------------------------------------------------------


def _es_number(x):
    if x == 0:
        return "0"
    if x < 0:
        return "-" + _es_number(-x)
    mantissa, _, exp = repr(x).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = whole + frac
    n = len(whole) + (int(exp) if exp else 0)
    stripped = digits.lstrip("0")
    n -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    e = n - 1
    return (digits if k == 1 else digits[0] + "." + digits[1:]) + "e" + ("+" if e >= 0 else "-") + str(abs(e))


_ESC = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _string(s, out):
    out.append('"')
    for ch in s:
        if ch in _ESC:
            out.append(_ESC[ch])
        elif ch < " ":
            out.append("\\u%04x" % ord(ch))
        elif "\ud800" <= ch <= "\udfff":
            raise Invalid("malformed", "lone surrogate in string")
        else:
            out.append(ch)
    out.append('"')


def _write(v, out):
    if v is None:
        out.append("null")
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif isinstance(v, int):
        out.append(str(v))
    elif isinstance(v, float):
        out.append(_es_number(v))
    elif isinstance(v, str):
        _string(v, out)
    elif isinstance(v, list):
        out.append("[")
        for i, item in enumerate(v):
            if i:
                out.append(",")
            _write(item, out)
        out.append("]")
    else:
        out.append("{")
        for i, key in enumerate(sorted(v, key=lambda k: k.encode("utf-16-be", "surrogatepass"))):
            if i:
                out.append(",")
            _string(key, out)
            out.append(":")
            _write(v[key], out)
        out.append("}")


def canonical(value):
    out = []
    _write(value, out)
    return "".join(out).encode("utf-8")


# --- the checks ------------------------------------------------------------------


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_id(v):
    return isinstance(v, str) and len(v) == 64 and set(v) <= HEX


def load_schemas(directory):
    registry = Registry()
    schemas = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith(".schema.json"):
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                schema = json.load(f)
            jsonschema.Draft202012Validator.check_schema(schema)
            registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
            schemas[name[: -len(".schema.json")]] = schema
    missing = [t for t in TYPES + ["envelope"] if t not in schemas]
    if missing:
        raise OSError("missing schema(s) in %s: %s" % (directory, ", ".join(missing)))
    return {name: jsonschema.Draft202012Validator(s, registry=registry) for name, s in schemas.items()}


def _where(error):
    path = "/".join(str(p) for p in error.absolute_path)
    return ("`%s`: " % path if path else "") + error.message


def check_envelope(e):
    """The envelope, in the order accord checks it (Sources/Store/Events/Event.swift)."""
    if not isinstance(e, dict):
        raise Invalid("malformed", "an event is a JSON object")
    if not is_int(e.get("v")):
        raise Invalid("malformed", "missing integer field `v`")
    if e["v"] != 1:
        raise Invalid("unsupported_version", "event format version %d; version 1 is defined" % e["v"])
    if not is_id(e.get("id")):
        raise Invalid("malformed", "`id` must be 64 lowercase hex digits")
    sig = e.get("sig")
    if not (isinstance(sig, str) and len(sig) == 128 and set(sig) <= HEX):
        raise Invalid("malformed", "`sig` must be 128 lowercase hex digits")
    if not is_id(e.get("author")):
        raise Invalid("malformed", "`author` must be a 64-digit lowercase hex public key")
    if not (is_int(e.get("seq")) and e["seq"] >= 1):
        raise Invalid("malformed", "`seq` must be an integer >= 1")
    if "prev" not in e:
        raise Invalid("malformed", "missing field `prev`")
    if e["prev"] is not None and not is_id(e["prev"]):
        raise Invalid("malformed", "`prev` must be an event id or null")
    deps = e.get("deps")
    if not (isinstance(deps, list) and all(is_id(d) for d in deps)):
        raise Invalid("malformed", "`deps` must be an array of event ids")
    if deps != sorted(deps) or len(set(deps)) != len(deps):
        raise Invalid("bad_deps", "`deps` must be sorted and without repeats")
    if e["prev"] is not None and e["prev"] in deps:
        raise Invalid("bad_deps", "`deps` repeats `prev`")
    if not (is_int(e.get("time")) and e["time"] > 0):
        raise Invalid("malformed", "`time` must be a positive integer (microseconds)")
    if not isinstance(e.get("type"), str):
        raise Invalid("malformed", "missing string field `type`")
    if e["type"] not in TYPES:
        raise Invalid("unknown_type", "unknown event type `%s`" % e["type"])
    if not isinstance(e.get("body"), dict):
        raise Invalid("malformed", "`body` must be an object")
    if "project" in e and not is_id(e["project"]):
        raise Invalid("malformed", "`project` must be an event id")
    unknown = sorted(set(e) - {"v", "id", "sig", "author", "seq", "prev", "deps", "time", "type", "body", "project"})
    if unknown:
        raise Invalid("malformed", "unknown envelope field(s): " + ", ".join(unknown))
    if e["type"] == "project.created":
        if "project" in e or e["seq"] != 1 or e["prev"] is not None or deps:
            raise Invalid("malformed", "`project.created` is a genesis event: no `project`, seq 1, no prev, no deps")
    elif "project" not in e:
        raise Invalid("malformed", "missing field `project`")
    if e["seq"] == 1 and e["prev"] is not None:
        raise Invalid("bad_seq", "seq 1 has no prev")
    if e["seq"] > 1 and e["prev"] is None:
        raise Invalid("bad_seq", "seq %d needs a prev" % e["seq"])


def check_id(e):
    unsigned = {k: v for k, v in e.items() if k not in ("id", "sig")}
    digest = hashlib.sha256(canonical(unsigned)).hexdigest()
    if digest != e["id"]:
        raise Invalid("bad_id", "id %s is not the SHA-256 of the event's canonical bytes (%s)" % (e["id"], digest))


# Ed25519 public keys of small order (libsodium's list; the sign bit is ignored).
SMALL_ORDER_KEYS = {
    "00" * 32,
    "01" + "00" * 31,
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "ec" + "ff" * 30 + "7f",
    "ed" + "ff" * 30 + "7f",
    "ee" + "ff" * 30 + "7f",
}


def _small_order(key):
    raw = bytearray(bytes.fromhex(key))
    raw[31] &= 0x7F
    return raw.hex() in SMALL_ORDER_KEYS


def check_body(e, validators):
    t, b = e["type"], e["body"]
    errors = list(validators[t].iter_errors(b))
    unknown = [x for x in errors if x.validator == "additionalProperties"]
    other = [x for x in errors if x.validator != "additionalProperties"]
    if other:
        best = jsonschema.exceptions.best_match(other)
        raise Invalid("bad_body", "%s: %s" % (t, _where(best)))
    for key in ("base", "codes", "keys"):
        if key in b and b[key] != sorted(b[key]):
            raise Invalid("bad_body", "%s: `%s` must be sorted and without repeats" % (t, key))
    if t in ("member.added", "member.changed") and any(_small_order(k) for k in b.get("keys", [])):
        raise Invalid("bad_body", "%s: `keys` names a public key of small order, for which anyone can sign" % t)
    if t in ("segment.coded", "adjudication.decided") and b["start"] >= b["end"]:
        raise Invalid("empty_span", "span %d:%d is empty: start must be less than end" % (b["start"], b["end"]))
    if t == "document.added":
        text = b["text"]
        if "\r" in text or unicodedata.normalize("NFC", text) != text:
            raise Invalid("text_not_normalised", "document text must use LF line endings and Unicode NFC")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != b["sha256"]:
            raise Invalid("bad_body", "`sha256` is not the SHA-256 of the text")
        if len(text) != b["length"]:
            raise Invalid("bad_body", "`length` is not the text's length in Unicode scalars")
    if t == "code.merged" and b["code"] == b["into"]:
        raise Invalid("bad_body", "a code cannot be merged into itself")
    if unknown:
        raise Invalid("bad_body", "%s: %s" % (t, _where(unknown[0])))


def check_signature(e):
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(e["author"]))
        key.verify(bytes.fromhex(e["sig"]), bytes.fromhex(e["id"]))
    except (InvalidSignature, ValueError):
        raise Invalid("bad_signature", "signature of event %s does not verify against its author's key" % e["id"])


def check_line(raw, validators):
    if len(raw) > MAX_BYTES:
        raise Invalid("oversize", "event is %d bytes; the limit is %d" % (len(raw), MAX_BYTES))
    event = parse(raw)
    if canonical(event) != raw:
        raise Invalid("not_canonical", "event bytes are not the RFC 8785 canonical form of the object they encode")
    check_envelope(event)
    check_id(event)
    check_body(event, validators)
    errors = list(validators["envelope"].iter_errors(event))
    if errors:  # the rules above cover the schema; this is a cross-check
        raise Invalid("malformed", _where(jsonschema.exceptions.best_match(errors)))
    check_signature(event)
    return event


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print("usage: python3 events/validate.py FILE.jsonl", file=sys.stderr)
        return 2
    path = argv[1]
    try:
        validators = load_schemas(SCHEMA_DIR)
        with open(path, "rb") as f:
            data = f.read()
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print("%s: %s" % (path, e), file=sys.stderr)
        return 2
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the newline that ends the last line
    for number, raw in enumerate(lines, 1):
        try:
            if not raw:
                raise Invalid("malformed", "empty line")
            check_line(raw, validators)
        except Invalid as e:
            print("%s:%d: %s: %s" % (path, number, e.code, e.message), file=sys.stderr)
            return 1
    print("%s: %d event%s valid" % (path, len(lines), "" if len(lines) == 1 else "s"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
