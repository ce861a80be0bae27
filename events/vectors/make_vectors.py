#!/usr/bin/env python3
"""Builds accord's golden event log and its rejected cases.

An implementation of the wire format (events/README.md) that shares no code
with accord itself: its own RFC 8785 encoder, SHA-256 from hashlib, Ed25519
from `cryptography`, and its own fold of the log into the expected projection.

    pip install cryptography
    python3 events/vectors/make_vectors.py

Writes, next to this script:
    golden.jsonl            one canonical event per line
    golden.ids.txt          the id of each line
    golden.keys.json        member name -> public key hex (and the key seeds)
    golden.expected.json    the projection the log folds into
    invalid/*.jsonl         one rejected event per file
    invalid/manifest.json   file -> {"after": N, "code": "..."}

Every run writes the same bytes (fixed keys, fixed times; Ed25519 signatures
are deterministic).
"""

import hashlib
import json
import os
import sys
import unicodedata

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# RFC 8785 (JCS)
# ---------------------------------------------------------------------------


def _es_number(x):
    """ECMAScript Number.prototype.toString for a finite float (RFC 8785 §3.2.2.3)."""
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError("JSON has no NaN or Infinity")
    if x == 0:
        return "0"
    if x < 0:
        return "-" + _es_number(-x)
    r = repr(x)  # shortest round-trip digits
    mantissa, _, exp = r.partition("e")
    exponent = int(exp) if exp else 0
    int_part, _, frac_part = mantissa.partition(".")
    digits = (int_part + frac_part).lstrip("0")
    n = len(int_part) + exponent - (len(int_part + frac_part) - len((int_part + frac_part).lstrip("0")))
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    head = digits if k == 1 else digits[0] + "." + digits[1:]
    return head + "e" + ("+" if e >= 0 else "-") + str(abs(e))


_SHORT_ESCAPES = {0x22: '\\"', 0x5C: "\\\\", 0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"}


def _jcs_string(s):
    out = ['"']
    for ch in s:
        c = ord(ch)
        if c in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[c])
        elif c < 0x20:
            out.append("\\u%04x" % c)
        elif 0xD800 <= c <= 0xDFFF:
            raise ValueError("lone surrogate")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _jcs(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _es_number(value)
    if isinstance(value, str):
        return _jcs_string(value)
    if isinstance(value, list):
        return "[" + ",".join(_jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))  # UTF-16 code units
        return "{" + ",".join(_jcs_string(k) + ":" + _jcs(value[k]) for k in keys) + "}"
    raise TypeError(type(value))


def canonical(value):
    return _jcs(value).encode("utf-8")


# ---------------------------------------------------------------------------
# Keys and events
# ---------------------------------------------------------------------------


class Key:
    def __init__(self, seed):
        self.seed = seed
        self.private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed.encode("utf-8")).digest())
        raw = self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.public = raw.hex()

    def sign(self, message):
        return self.private.sign(message).hex()


def seal(fields, key):
    """The full event object for envelope `fields` (no id/sig), signed by `key`."""
    event_id = hashlib.sha256(canonical(fields)).hexdigest()
    whole = dict(fields)
    whole["id"] = event_id
    whole["sig"] = key.sign(bytes.fromhex(event_id))
    return whole


def document_body(title, text, meta):
    assert "\r" not in text and unicodedata.normalize("NFC", text) == text
    return {
        "title": title,
        "text": text,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "length": len(text),  # Python str length = Unicode scalars
        "meta": meta,
    }


T0 = 1767225600000000  # 2026-01-01T00:00:00Z in microseconds
STEP = 1000000  # one second between golden events


class Log:
    """A single replica writing a linear log: the only head is the last event."""

    def __init__(self):
        self.events = []  # full event objects, in order
        self.lines = []  # canonical bytes
        self.heads = {}  # author -> (seq, id, time)
        self.project = None
        self.time = T0 - STEP

    def envelope(self, key, type_, body, time=None):
        head = self.heads.get(key.public)
        seq = head[0] + 1 if head else 1
        prev = head[1] if head else None
        last = self.events[-1]["id"] if self.events else None
        deps = [last] if last is not None and last != prev else []
        fields = {
            "v": 1,
            "author": key.public,
            "seq": seq,
            "prev": prev,
            "deps": deps,
            "time": time if time is not None else self.time + STEP,
            "type": type_,
            "body": body,
        }
        if self.project is not None:
            fields["project"] = self.project
        return fields

    def add(self, key, type_, body):
        fields = self.envelope(key, type_, body)
        event = seal(fields, key)
        if type_ == "project.created":
            self.project = event["id"]
        self.events.append(event)
        self.lines.append(canonical(event))
        self.heads[key.public] = (event["seq"], event["id"], event["time"])
        self.time = event["time"]
        return event["id"]


# ---------------------------------------------------------------------------
# The golden log
# ---------------------------------------------------------------------------

lena = Key("accord-vector-lead")
alice = Key("accord-vector-alice")
bob = Key("accord-vector-bob")
carol = Key("accord-vector-carol")
mallory = Key("accord-vector-mallory")  # never a member

DOC1 = (
    "Our assistant should be helpful, honest and harmless.\n"
    "It may refuse unsafe requests \u2014 politely, like a caf\u00e9 waiter \U0001F642.\n"
    "\n"
    "We do not train on user data without consent.\n"
)
DOC2 = (
    "Training data: human preference data from raters \U0001F469\u200D\U0001F4BB and filtered web text.\n"
    "Synthetic dialogues are labelled as such.\n"
)
DOC3 = "Draft notes, superseded.\n"


def span(text, quote, occurrence=1):
    """Half-open Unicode-scalar range of the n-th occurrence of `quote`."""
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return {"start": start, "end": start + len(quote)}


def golden():
    log = Log()
    ids = {}
    add = log.add
    ids["project"] = add(lena, "project.created", {"name": "LLM documentation audit", "member": "lena"})
    ids["m_alice"] = add(lena, "member.added", {"name": "alice", "role": "coder", "keys": [alice.public]})
    ids["m_bob"] = add(lena, "member.added", {"name": "bob", "role": "coder", "keys": [bob.public]})
    ids["m_carol"] = add(lena, "member.added", {"name": "carol", "role": "auditor", "keys": [carol.public]})
    ids["doc1"] = add(lena, "document.added", document_body(
        "Model spec (excerpt)", DOC1, {"source": "https://example.org/model-spec", "year": "2025"}))
    # meta keys whose RFC 8785 order (UTF-16 code units) differs from code point order:
    # U+1F4C4 is D83D DCC4 in UTF-16, so it sorts before U+FB01
    ids["doc2"] = add(lena, "document.added", document_body("Data card", DOC2, {
        "\ufb01le": "data-card.md", "\U0001F4C4": "kind: card", "Source": "vendor\tsite", "source": "https://example.org/data"}))
    ids["doc3"] = add(lena, "document.added", document_body("Draft notes", DOC3, {"status": "draft"}))

    def code(name, parent=None, description="", color=None, exclusive=False):
        return add(lena, "code.defined", {"name": name, "parent": parent, "description": description,
                                          "color": color, "exclusive": exclusive})

    ids["values"] = code("values", description="Values the developer says its models hold", color="#e76f51")
    ids["helpfulness"] = code("helpfulness", ids["values"])
    ids["honesty"] = code("honesty", ids["values"], description="Truthful, calibrated, non-deceptive")
    ids["harmlessness"] = code("harmlessness", ids["values"])
    ids["safety"] = code("safety", ids["values"], color="#264653")
    ids["data"] = code("data", description="Where the training data comes from", exclusive=True)
    ids["hpd"] = code("human preference data", ids["data"])
    ids["web"] = code("web data", ids["data"])
    ids["synthetic"] = code("synthetic data", ids["data"])
    ids["chg_helpfulness"] = add(lena, "code.changed", {
        "code": ids["helpfulness"], "base": [ids["helpfulness"]],
        "description": "Does what the user asks, well", "color": "#2a9d8f"})
    ids["chg_web"] = add(lena, "code.changed", {"code": ids["web"], "base": [ids["web"]], "name": "web text"})

    def coded(key, doc, text, quote, code_id, occurrence=1):
        body = {"document": ids[doc], "code": code_id}
        body.update(span(text, quote, occurrence))
        return add(key, "segment.coded", body)

    ids["a_helpful"] = coded(alice, "doc1", DOC1, "helpful", ids["helpfulness"])
    ids["a_honest"] = coded(alice, "doc1", DOC1, "honest", ids["honesty"])
    ids["a_harmless"] = coded(alice, "doc1", DOC1, "harmless", ids["harmlessness"])
    ids["a_waiter"] = coded(alice, "doc1", DOC1, "caf\u00e9 waiter \U0001F642", ids["helpfulness"])
    ids["a_uncode"] = add(alice, "segment.uncoded", {"coding": ids["a_waiter"]})
    ids["b_helpful_honest"] = coded(bob, "doc1", DOC1, "helpful, honest", ids["helpfulness"])
    ids["b_refuse"] = coded(bob, "doc1", DOC1, "refuse unsafe requests", ids["safety"])
    ids["b_harmless"] = coded(bob, "doc1", DOC1, "harmless", ids["harmlessness"])
    ids["b_memo"] = add(bob, "memo.added", {"document": ids["doc1"], "coding": ids["b_helpful_honest"],
                                            "text": "One span for both values?\tUnsure where \"helpful\" ends \\ starts.\u001f"})
    ids["a_hpd"] = coded(alice, "doc2", DOC2, "human preference data from raters \U0001F469\u200D\U0001F4BB", ids["hpd"])
    ids["a_web"] = coded(alice, "doc2", DOC2, "filtered web text", ids["web"])
    ids["b_hpd"] = coded(bob, "doc2", DOC2, "human preference data", ids["hpd"])
    ids["b_synthetic"] = coded(bob, "doc2", DOC2, "Synthetic dialogues", ids["synthetic"])
    ids["a_done1"] = add(alice, "document.done", {"document": ids["doc1"]})
    ids["a_done2"] = add(alice, "document.done", {"document": ids["doc2"]})
    ids["b_done1"] = add(bob, "document.done", {"document": ids["doc1"]})
    ids["b_done2"] = add(bob, "document.done", {"document": ids["doc2"]})
    ids["merge"] = add(lena, "code.merged", {"code": ids["harmlessness"], "into": ids["safety"]})
    ids["retire_synthetic"] = add(lena, "code.retired", {"code": ids["synthetic"]})
    ids["retire_doc3"] = add(lena, "document.retired", {"document": ids["doc3"]})
    ids["transparency"] = code("transparency", ids["values"])
    ids["l_memo"] = add(lena, "memo.added", {"code": ids["safety"],
                                             "text": "Merged harmlessness into safety after review."})
    ids["l_consent"] = coded(lena, "doc1", DOC1, "We do not train on user data without consent.", ids["transparency"])
    ids["chg_carol"] = add(lena, "member.changed", {"member": ids["m_carol"], "base": [ids["m_carol"]], "role": "coder"})
    ids["rm_carol"] = add(lena, "member.removed", {"member": ids["m_carol"]})
    return log, ids


# ---------------------------------------------------------------------------
# The expected projection: an independent fold of the log
# ---------------------------------------------------------------------------


def project(log):
    events = log.events
    edits = {}  # (thing, field) -> list of (time, author, id, value)
    bases = {}  # edit id -> set of base ids
    members, documents, codes, codings, done = {}, {}, {}, {}, {}
    retired, merged = set(), {}

    def record(edit, thing, field, value, ev, base):
        edits.setdefault((thing, field), []).append((ev["time"], ev["author"], edit, value))
        bases.setdefault(edit, set()).update(base)

    def value(thing, field):
        all_edits = edits.get((thing, field), [])
        superseded = {b for (_, _, e, _) in all_edits for b in bases.get(e, ())}
        live = [x for x in all_edits if x[2] not in superseded]
        return max(live, key=lambda x: (x[0], x[1]))[3]  # greatest (time, author)

    for ev in events:
        b, t = ev["body"], ev["type"]
        if t == "project.created":
            members[ev["id"]] = ev
            for f, v in (("name", b["member"]), ("role", "lead"), ("keys", [ev["author"]])):
                record(ev["id"], ev["id"], f, v, ev, [])
        elif t == "member.added":
            members[ev["id"]] = ev
            for f in ("name", "role", "keys"):
                record(ev["id"], ev["id"], f, b[f], ev, [])
        elif t == "member.changed":
            for f in ("name", "role", "keys"):
                if f in b:
                    record(ev["id"], b["member"], f, b[f], ev, b["base"])
        elif t in ("member.removed", "document.retired", "code.retired"):
            retired.add(b.get("member") or b.get("document") or b.get("code"))
        elif t == "document.added":
            documents[ev["id"]] = b
        elif t == "code.defined":
            codes[ev["id"]] = ev
            for f in ("name", "parent", "description", "color", "exclusive"):
                record(ev["id"], ev["id"], f, b[f], ev, [])
        elif t == "code.changed":
            for f in ("name", "parent", "description", "color", "exclusive"):
                if f in b:
                    record(ev["id"], b["code"], f, b[f], ev, b["base"])
        elif t == "code.merged":
            merged[b["code"]] = b["into"]
        elif t == "segment.coded":
            codings[ev["id"]] = ev
        elif t == "segment.uncoded":
            codings.pop(b["coding"], None)
        elif t == "document.done":
            done.setdefault(b["document"], set()).add(ev["author"])

    name_of_key = {}
    out_members = []
    for mid in members:
        keys = value(mid, "keys")
        for k in keys:
            name_of_key[k] = value(mid, "name")
        out_members.append({"id": mid, "name": value(mid, "name"), "role": value(mid, "role"),
                            "keys": sorted(keys), "removed": mid in retired})

    def path(cid):
        names = []
        while cid is not None:
            names.append(value(cid, "name"))
            cid = value(cid, "parent")
        return "/".join(reversed(names))

    def effective(cid):
        while cid in merged:
            cid = merged[cid]
        return cid

    return {
        "project": {"id": log.project, "name": events[0]["body"]["name"]},
        "events": len(events),
        "heads": {a: h[0] for a, h in sorted(log.heads.items())},
        "members": out_members,
        "documents": [{"id": d, "title": b["title"], "sha256": b["sha256"], "length": b["length"],
                       "retired": d in retired} for d, b in documents.items()],
        "codes": [{"id": c, "path": path(c), "retired": c in retired, "merged_into": merged.get(c)} for c in codes],
        "codings": [{"id": i, "coder": name_of_key[ev["author"]], "document": ev["body"]["document"],
                     "code": effective(ev["body"]["code"]), "start": ev["body"]["start"], "end": ev["body"]["end"]}
                    for i, ev in codings.items()],
        "done": {d: sorted(name_of_key[a] for a in authors) for d, authors in sorted(done.items())},
    }


# ---------------------------------------------------------------------------
# Rejected cases: each a single line received after golden lines 1..after
# ---------------------------------------------------------------------------

T2100 = 4102444800000000  # 2100-01-01T00:00:00Z

# Codes a validator can reach from the line alone (events/validate.py); the
# others need the events before it.
CONTEXT_FREE = {"malformed", "not_canonical", "unsupported_version", "bad_id", "bad_signature", "oversize",
                "unknown_type", "bad_body", "bad_deps", "empty_span", "text_not_normalised"}


def invalid_cases(log, ids):
    n = len(log.events)
    last = log.events[-1]
    cases = {}

    def next_fields(key, type_, body, **override):
        """A correct envelope for `key`'s next event after the whole golden log."""
        fields = log.envelope(key, type_, body, time=last["time"] + STEP)
        fields.update(override)
        return fields

    def line(obj):
        return canonical(obj)

    def case(name, code, data, after=n):
        assert name.startswith(code), name
        cases[name] = (after, code, data)

    assert span(DOC1, "honest") == {"start": 33, "end": 39}
    a_code = lambda **o: next_fields(alice, "segment.coded",
                                     {"document": ids["doc1"], "code": ids["honesty"], "start": 33, "end": 39}, **o)

    # --- bytes and envelope ---
    e = seal(a_code(), alice)
    e["sig"] = bob.sign(bytes.fromhex(e["id"]))
    case("bad_signature", "bad_signature", line(e))

    e = seal(a_code(), alice)
    case("not_canonical", "not_canonical",
         json.dumps(e, sort_keys=True, ensure_ascii=False).encode("utf-8"))  # ", " and ": " separators
    unsorted = {"v": e["v"]}
    unsorted.update({k: v for k, v in e.items() if k != "v"})
    case("not_canonical_unsorted_keys", "not_canonical",
         ("{" + ",".join(json.dumps(k) + ":" + _jcs(v) for k, v in unsorted.items()) + "}").encode("utf-8"))
    case("not_canonical_trailing_space", "not_canonical", line(e) + b" ")

    memo = seal(next_fields(alice, "memo.added", {"text": "A/B test, see \"A\"", "document": ids["doc1"]}), alice)
    canon = line(memo)
    assert canon.count(b"A/B") == 1
    case("not_canonical_escaped_slash", "not_canonical", canon.replace(b"A/B", b"A\\/B"))
    case("not_canonical_needless_unicode_escape", "not_canonical", canon.replace(b"A/B", b"\\u0041/B"))
    tab = seal(next_fields(alice, "memo.added", {"text": "column\tvalue\u001f", "document": ids["doc1"]}), alice)
    canon = line(tab)
    assert b"\\u001f" in canon and b"\\t" in canon
    case("not_canonical_uppercase_escape", "not_canonical", canon.replace(b"\\u001f", b"\\u001F"))
    case("not_canonical_unicode_escaped_tab", "not_canonical", canon.replace(b"\\t", b"\\u0009"))
    # 1.0 is the number 1, whose canonical form is `1`
    case("not_canonical_number_form", "not_canonical",
         line(seal(a_code(), alice)).replace(b'"start":33', b'"start":33.0'))

    e = seal(a_code(), alice)
    wrong = hashlib.sha256(b"not this event").hexdigest()
    e["id"], e["sig"] = wrong, alice.sign(bytes.fromhex(wrong))
    case("bad_id", "bad_id", line(e))

    raw = line(seal(a_code(), alice))
    assert raw.count(b'"end":39,') == 1
    case("malformed", "malformed", raw.replace(b'"end":39,', b'"end":39,"end":40,'))  # duplicate key
    case("malformed_integer_beyond_2_53", "malformed",
         line(seal(a_code(), alice)).replace(b'"start":33', b'"start":9007199254740993'))
    case("malformed_missing_prev_field", "malformed",
         line(seal({k: v for k, v in a_code().items() if k != "prev"}, alice)))
    case("malformed_genesis_with_project", "malformed",
         line(seal(dict(log.envelope(mallory, "project.created", {"name": "x", "member": "m"}, time=last["time"] + STEP),
                        project=log.project), mallory)))
    case("unsupported_version", "unsupported_version", line(seal(a_code(v=2), alice)))
    case("unknown_type", "unknown_type", line(seal(next_fields(alice, "segment.recoded", {"coding": ids["a_honest"]}), alice)))

    # --- body rules ---
    case("bad_body", "bad_body", line(seal(next_fields(alice, "segment.coded", {
        "document": ids["doc1"], "code": ids["honesty"], "start": 33, "end": 39, "confidence": "high"}), alice)))
    case("bad_body_float", "bad_body", line(seal(next_fields(alice, "segment.coded", {
        "document": ids["doc1"], "code": ids["honesty"], "start": 33.5, "end": 39}), alice)))
    case("bad_body_merge_into_itself", "bad_body", line(seal(next_fields(lena, "code.merged", {
        "code": ids["honesty"], "into": ids["honesty"]}), lena)))
    case("bad_body_unsorted_base", "bad_body", line(seal(next_fields(lena, "code.changed", {
        "code": ids["values"], "base": sorted([ids["values"], ids["chg_helpfulness"]], reverse=True),
        "description": "x"}), lena)))
    case("empty_span", "empty_span", line(seal(next_fields(alice, "segment.coded", {
        "document": ids["doc1"], "code": ids["honesty"], "start": 33, "end": 33}), alice)))
    crlf = "Line one\r\nLine two\r\n"
    case("text_not_normalised", "text_not_normalised", line(seal(next_fields(lena, "document.added", {
        "title": "CRLF", "text": crlf, "sha256": hashlib.sha256(crlf.encode()).hexdigest(), "length": len(crlf),
        "meta": {}}), lena)))
    nfd = "Cafe\u0301 menu\n"
    case("text_not_normalised_nfd", "text_not_normalised", line(seal(next_fields(lena, "document.added", {
        "title": "NFD", "text": nfd, "sha256": hashlib.sha256(nfd.encode()).hexdigest(), "length": len(nfd),
        "meta": {}}), lena)))

    # --- chain, causality, clock ---
    case("missing_prev", "missing_prev", line(seal(a_code(prev=hashlib.sha256(b"never held").hexdigest()), alice)))
    case("missing_dep", "missing_dep", line(seal(a_code(deps=[hashlib.sha256(b"never held").hexdigest()]), alice)))
    a_head = log.heads[alice.public]
    a_before = next(ev["id"] for ev in log.events if ev["author"] == alice.public and ev["seq"] == a_head[0] - 1)
    case("bad_seq", "bad_seq", line(seal(a_code(prev=a_before), alice)))  # prev is seq-2
    case("bad_deps", "bad_deps", line(seal(a_code(deps=sorted([last["id"], ids["doc2"]], reverse=True)), alice)))
    case("bad_deps_repeats_prev", "bad_deps", line(seal(a_code(deps=sorted([last["id"], a_head[1]])), alice)))
    case("bad_time", "bad_time", line(seal(a_code(time=last["time"]), alice)))
    case("future_time", "future_time", line(seal(a_code(time=T2100), alice)))
    case("wrong_project", "wrong_project", line(seal(a_code(project=hashlib.sha256(b"other project").hexdigest()), alice)))
    # alice's last seq again, with different content: kept as evidence, alice quarantined
    a_last = next(ev for ev in log.events if ev["id"] == a_head[1])
    case("equivocation", "equivocation", line(seal(dict(a_code(), seq=a_last["seq"], prev=a_last["prev"]), alice)))

    # golden lines themselves, received too early
    i_helpful = next(i for i, ev in enumerate(log.events) if ev["id"] == ids["a_helpful"])
    i_honest = i_helpful + 1
    assert log.events[i_honest]["prev"] == ids["a_helpful"] and log.events[i_honest]["deps"] == []
    case("missing_prev_out_of_order", "missing_prev", log.lines[i_honest], after=i_helpful)
    assert log.events[i_helpful]["deps"] == [log.events[i_helpful - 1]["id"]]
    case("missing_dep_out_of_order", "missing_dep", log.lines[i_helpful], after=i_helpful - 1)

    # --- authority, judged on the causal past ---
    case("not_member", "not_member", line(seal(next_fields(mallory, "memo.added", {"text": "hello"}), mallory)))
    case("not_member_removed", "not_member", line(seal(next_fields(carol, "memo.added", {"text": "still here?"}), carol)))
    case("forbidden", "forbidden", line(seal(next_fields(alice, "code.defined", {
        "name": "privacy", "parent": ids["values"], "description": "", "color": None, "exclusive": False}), alice)))
    # carol's causal past ends at her own member.added: there she is an auditor
    case("forbidden_auditor_in_causal_past", "forbidden", line(seal(next_fields(carol, "memo.added",
         {"text": "noted", "document": ids["doc1"]}, deps=[ids["m_carol"]]), carol)))

    # --- references ---
    case("span_out_of_range", "span_out_of_range", line(seal(next_fields(alice, "segment.coded", {
        "document": ids["doc1"], "code": ids["honesty"], "start": len(DOC1) - 3, "end": len(DOC1) + 1}), alice)))
    case("unknown_code", "unknown_code", line(seal(next_fields(alice, "segment.coded", {
        "document": ids["doc1"], "code": ids["doc2"], "start": 33, "end": 39}), alice)))
    # transparency was defined after alice's last event; with no deps her causal past does not hold it
    case("unknown_code_outside_causal_past", "unknown_code", line(seal(next_fields(alice, "segment.coded", {
        "document": ids["doc1"], "code": ids["transparency"], "start": 0, "end": 3}, deps=[]), alice)))
    case("retired_code", "retired_code", line(seal(next_fields(alice, "segment.coded", {
        "document": ids["doc2"], "code": ids["synthetic"], **span(DOC2, "Synthetic")}), alice)))
    case("retired_code_merged", "retired_code", line(seal(next_fields(alice, "segment.coded", {
        "document": ids["doc1"], "code": ids["harmlessness"], **span(DOC1, "harmless")}), alice)))
    case("unknown_document", "unknown_document", line(seal(next_fields(alice, "document.done", {
        "document": ids["values"]}), alice)))
    case("retired_document", "retired_document", line(seal(next_fields(alice, "document.done", {
        "document": ids["doc3"]}), alice)))
    case("unknown_coding", "unknown_coding", line(seal(next_fields(alice, "segment.uncoded", {
        "coding": ids["doc1"]}), alice)))
    case("not_own_coding", "not_own_coding", line(seal(next_fields(bob, "segment.uncoded", {
        "coding": ids["a_honest"]}), bob)))
    case("code_cycle", "code_cycle", line(seal(next_fields(lena, "code.changed", {
        "code": ids["values"], "base": [ids["values"]], "parent": ids["helpfulness"]}), lena)))
    case("duplicate_member", "duplicate_member", line(seal(next_fields(lena, "member.added", {
        "name": "alice2", "role": "coder", "keys": [alice.public]}), lena)))
    case("unknown_member", "unknown_member", line(seal(next_fields(lena, "member.changed", {
        "member": ids["doc1"], "base": [], "role": "auditor"}), lena)))
    case("unknown_event", "unknown_event", line(seal(next_fields(lena, "code.changed", {
        "code": ids["honesty"], "base": [hashlib.sha256(b"never held").hexdigest()], "name": "truthfulness"}), lena)))
    return cases


# ---------------------------------------------------------------------------


def main():
    log, ids = golden()
    for ev, raw in zip(log.events, log.lines):
        assert json.loads(raw) == ev and b"\n" not in raw
    with open(os.path.join(HERE, "golden.jsonl"), "wb") as f:
        f.write(b"".join(raw + b"\n" for raw in log.lines))
    with open(os.path.join(HERE, "golden.ids.txt"), "w") as f:
        f.write("".join(ev["id"] + "\n" for ev in log.events))
    keys = {"lena": lena, "alice": alice, "bob": bob, "carol": carol, "mallory": mallory}
    with open(os.path.join(HERE, "golden.keys.json"), "w") as f:
        json.dump({name: {"seed": k.seed, "public": k.public} for name, k in keys.items()}, f, indent=2)
        f.write("\n")
    with open(os.path.join(HERE, "golden.expected.json"), "w", encoding="utf-8") as f:
        json.dump(project(log), f, indent=2, ensure_ascii=False)
        f.write("\n")

    out = os.path.join(HERE, "invalid")
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        if old.endswith(".jsonl"):
            os.remove(os.path.join(out, old))
    manifest = {}
    for name, (after, code, data) in sorted(invalid_cases(log, ids).items()):
        with open(os.path.join(out, name + ".jsonl"), "wb") as f:
            assert b"\n" not in data
            f.write(data + b"\n")
        manifest[name + ".jsonl"] = {"after": after, "code": code, "context_free": code in CONTEXT_FREE}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
    print("%d golden events, %d rejected cases" % (len(log.events), len(manifest)), file=sys.stderr)


if __name__ == "__main__":
    main()
