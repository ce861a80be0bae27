#!/usr/bin/env python3
"""Builds accord's test vectors: the golden log, scenarios, and rejected cases.

An implementation of the wire format (events/README.md) that shares no code
with accord itself: its own RFC 8785 encoder, SHA-256 from hashlib, Ed25519
from `cryptography`, its own admission rules (section 11), its own resolution
of member events and effects (section 12.1-12.4) and its own fold of the
effective events into the expected state (section 12.5).

    pip install cryptography jsonschema
    python3 events/vectors/make_vectors.py

Writes, next to this script:
    golden.jsonl            one canonical event per line
    golden.ids.txt          the id of each line
    golden.keys.json        member name -> public key hex (and the key seeds)
    golden.expected.json    the state the log folds into
    golden.resigned.jsonl   three golden events again, each with another valid signature
    scenarios/NAME.jsonl    concurrent writers brought together, in one causal order
    scenarios/NAME.expected.json, scenarios/keys.json, scenarios/README.md
    invalid/*.jsonl         one rejected event per file
    invalid/manifest.json   file -> {"after": N, "base": FILE, "code": "...", "context_free": bool}

Then checks what it wrote: every golden and scenario line passes
events/validate.py and is admitted in its own causal past; each scenario
gives the same state in 20 random causal orders; each rejected case is
refused with its code (by validate.py when context-free, else by this
replica after the first `after` lines of its base).

Every run writes the same bytes (fixed keys, fixed times; Ed25519 signatures
are deterministic).
"""

import hashlib
import importlib.util
import json
import os
import random
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ed25519_nonce  # noqa: E402

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
# A replica: admission (section 11), effects (section 12.1-12.4), state (12.5)
# ---------------------------------------------------------------------------

TYPES = [
    "project.created", "member.added", "member.changed", "member.removed", "document.added", "document.retired",
    "code.defined", "code.changed", "code.merged", "code.retired", "segment.coded", "segment.uncoded",
    "memo.added", "document.done", "adjudication.decided",
]
MEMBER_TYPES = ("project.created", "member.added", "member.changed", "member.removed")
ACTING_TYPES = ("member.changed", "member.removed")  # they act on a target member (section 7)
WRITES = {  # section 7: which types each role may write
    "lead": frozenset(TYPES) - {"project.created"},
    "coder": frozenset(["segment.coded", "segment.uncoded", "memo.added", "document.done"]),
    "auditor": frozenset(),
    "mirror": frozenset(),
}
# the body fields naming events whose effect an event needs (section 12.3), in the order listed there
NAMED_FIELDS = ("document", "code", "coding", "parent", "into", "member")
CUT_REASONS = ("removed", "demoted", "key_replaced")  # section 12.3: the first that applies
FUTURE = 600000000  # section 6: ten minutes, in microseconds
NEVER = float("inf")  # the rank of a cut whose author's appointers do not lead to the founder


class Refused(Exception):
    def __init__(self, code, message):
        super().__init__("%s: %s" % (code, message))
        self.code = code


def fold_key(ev):
    """Section 6: the total order (time, author, seq, id)."""
    return (ev["time"], ev["author"], ev["seq"], ev["id"])


def edit_key(ev):
    """Section 9: the live edit with the greatest (time, author) is a register's value; id separates fork sides."""
    return (ev["time"], ev["author"], ev["id"])


def is_cut(ev):
    """Section 12.1: removals, and member.changed setting `role` or `keys`."""
    return ev["type"] == "member.removed" or (ev["type"] == "member.changed" and ("role" in ev["body"] or "keys" in ev["body"]))


def named_events(ev):
    """The ids an event's body names whose effect it needs (section 12.3; `base` does not count)."""
    b = ev["body"]
    names = [b[f] for f in NAMED_FIELDS if b.get(f) is not None]
    return names + list(b.get("codes", []))


class Resolution:
    """The member events that take effect (`effective`), why each other one does not, and the cuts kept."""

    def __init__(self, effective, why, kept):
        self.effective = effective
        self.why = why  # member event id -> (reason, cause or None)
        self.kept = kept


class MemberView:
    """Section 12.2 step 1: members, their registers and removals over a set E of effective member events."""

    def __init__(self, graph, effective):
        self.ids = effective
        self.created = []  # member ids, in fold order
        self.winner = {}  # (member, field) -> (edit_key, edit id, value)
        self.removals = {}  # member -> removal ids, in fold order
        for ev in sorted((graph.events[i] for i in effective), key=fold_key):
            t, b, eid = ev["type"], ev["body"], ev["id"]
            if t == "project.created":
                self.created.append(eid)
                self._edit(eid, {"name": b["member"], "role": "lead", "keys": [ev["author"]]}, ev)
            elif t == "member.added":
                self.created.append(eid)
                self._edit(eid, {f: b[f] for f in ("name", "role", "keys")}, ev)
            elif t == "member.changed":
                self._edit(b["member"], {f: b[f] for f in ("name", "role", "keys") if f in b}, ev)
            elif t == "member.removed":
                self.removals.setdefault(b["member"], []).append(eid)
        self.members = frozenset(self.created)

    def _edit(self, member, fields, ev):
        # the edit with the greatest (time, author, id) is never superseded (section 9), so it is the value
        for field, value in fields.items():
            current = self.winner.get((member, field))
            if current is None or edit_key(ev) > current[0]:
                self.winner[(member, field)] = (edit_key(ev), ev["id"], value)

    def value(self, member, field):
        return self.winner[(member, field)][2]

    def edit(self, member, field):
        return self.winner[(member, field)][1]

    def removed(self, member):
        return member in self.removals

    def member_of(self, key):
        """The member whose keys hold `key`: one not removed first, then the one created first."""
        holders = [m for m in self.created if key in self.value(m, "keys")]
        live = [m for m in holders if not self.removed(m)]
        return (live or holders or [None])[0]


class Graph:
    """The events one replica has admitted, and everything sections 11 and 12 compute from them."""

    def __init__(self):
        self.events = {}  # id -> event object
        self.arrival = []  # ids, in the order received
        self.past = {}  # id -> frozenset of the ids in its causal past (itself excluded)
        self.project = None
        self._views = {}
        self._resolutions = {}
        self._effects = {}

    # --- memoised building blocks, keyed by sets so they cannot depend on arrival order ---

    def view(self, effective):
        effective = frozenset(effective)
        if effective not in self._views:
            self._views[effective] = MemberView(self, effective)
        return self._views[effective]

    def member_events(self, ids):
        return frozenset(i for i in ids if self.events[i]["type"] in MEMBER_TYPES)

    def own_view(self, past):
        """The members of a causal past as that past resolves itself (section 11.4)."""
        return self.view(self.resolve(self.member_events(past)).effective)

    def key_member(self, e):
        """The member whose key wrote the held event `e`, as e's own causal past resolves it."""
        return self.own_view(self.past[e]).member_of(self.events[e]["author"])

    def appointer(self, view, member):
        """Section 7: the member that the key which wrote the winning edit of `member`'s role register
        belonged to in that edit's own causal past (so a later key replacement does not orphan it)."""
        w = view.edit(member, "role")
        if self.events[w]["type"] == "project.created":
            return None
        return self.key_member(w)

    def appointers(self, view, member):
        """The walk of section 7: `member`'s appointer, theirs, ... at most as many steps as there are members."""
        walk = []
        for _ in range(len(view.created)):
            member = self.appointer(view, member)
            if member is None:
                break
            walk.append(member)
        return walk

    def may_act(self, view, actor, target):
        """Section 7: may the lead `actor` act on `target` (member.changed, member.removed)?

        The founder acts on every member; another lead on a member who is no lead (a target the
        view does not show as a member counts as no lead), on their own member, and on a lead
        whose appointers lead up to them."""
        if actor == self.project or actor == target:
            return True
        if target not in view.members or view.value(target, "role") != "lead":
            return True
        return actor in self.appointers(view, target)

    def rank(self, cut):
        """Section 12.2 step 3: appointments between the cut's author and the founder, in its causal past."""
        view = self.own_view(self.past[cut])
        member = view.member_of(self.events[cut]["author"])
        if member == self.project:
            return 0
        walk = self.appointers(view, member)
        return walk.index(self.project) + 1 if self.project in walk else NEVER

    def standing_failure(self, view, ev):
        """Why `ev`'s author may not write it over `view` (None: they may): rules 22 and 23."""
        member = view.member_of(ev["author"])
        if member is None or view.removed(member):
            return "not_member"
        if ev["type"] not in WRITES[view.value(member, "role")]:
            return "forbidden"
        if ev["type"] in ACTING_TYPES and not self.may_act(view, member, ev["body"]["member"]):
            return "forbidden"
        return None

    def concurrent(self, a, b):
        return a != b and a not in self.past[b] and b not in self.past[a]

    def reaches(self, c, e, view):
        """Section 12.1: the reason the cut `c` reaches the event `e` (None: it does not).

        Only concurrent events: what e's author had seen of the cut is judged by e's standing in
        its own causal past. `view` holds the effective member events of e's causal past."""
        cut, ev = self.events[c], self.events[e]
        if not self.concurrent(c, e) or view.member_of(ev["author"]) != cut["body"]["member"]:
            return None
        return self.forbidden_by(cut, ev)

    @staticmethod
    def forbidden_by(cut, ev):
        """What the cut forbids of `ev` (section 12.1 table) as a reason, or None."""
        if cut["type"] == "member.removed":
            return "removed"
        b = cut["body"]
        if "role" in b and ev["type"] not in WRITES[b["role"]]:
            return "demoted"
        if "keys" in b and ev["author"] not in b["keys"]:
            return "key_replaced"
        return None

    def reaching(self, cuts, e, view):
        """The first of `cuts` that reaches `e`, as (reason, cut): removed before demoted before key_replaced."""
        hits = []
        for c in cuts:
            reason = self.reaches(c, e, view)
            if reason is not None:
                hits.append((CUT_REASONS.index(reason), fold_key(self.events[c]), reason, c))
        return min(hits)[2:] if hits else None

    # --- section 12.2 ---

    def fold(self, order, assumed):
        """Step 2: the member events of `order` (fold order) that take effect under the assumed cuts."""
        effective, why = set(), {}
        for m in order:
            ev = self.events[m]
            if ev["type"] == "project.created":
                effective.add(m)
                continue
            view = self.view(effective & self.past[m])
            hit = self.reaching(assumed, m, view)
            if hit is not None:
                why[m] = hit
            elif self.standing_failure(view, ev) is not None:
                why[m] = ("no_authority", None)
            elif ev["type"] in ACTING_TYPES and ev["body"]["member"] not in effective:
                why[m] = ("voided_reference", ev["body"]["member"])
            else:
                effective.add(m)
        return effective, why

    def resolve(self, members):
        """Step 3: the resolution of a causally closed set of member events."""
        members = frozenset(members)
        if members not in self._resolutions:
            order = sorted(members, key=lambda i: fold_key(self.events[i]))
            cuts = sorted((c for c in order if is_cut(self.events[c])),
                          key=lambda c: (self.rank(c), fold_key(self.events[c])))
            kept = []
            for c in cuts:
                effective, _ = self.fold(order, kept + [c])
                if c in effective and all(k in effective for k in kept):
                    kept.append(c)
            effective, why = self.fold(order, kept)
            self._resolutions[members] = Resolution(frozenset(effective), why, kept)
        return self._resolutions[members]

    # --- section 11: admission ---

    def receive(self, ev, now):
        """Admits `ev` (already past the context-free rules 1-15) or raises Refused; 'duplicate' if held."""
        if ev["id"] in self.events:
            return "duplicate"
        t = ev["type"]
        if t == "project.created":
            if self.project is not None:
                raise Refused("wrong_project", "this replica already has a project")
        elif self.project is None or ev.get("project") != self.project:
            raise Refused("wrong_project", "the event belongs to another project")
        if ev["prev"] is not None:
            if ev["prev"] not in self.events:
                raise Refused("missing_prev", "prev is not held")
            prev = self.events[ev["prev"]]
            if prev["author"] != ev["author"] or prev["seq"] != ev["seq"] - 1:
                raise Refused("bad_seq", "prev is not this author's event seq - 1")
        for d in ev["deps"]:
            if d not in self.events:
                raise Refused("missing_dep", "a dep is not held")
        parents = ([ev["prev"]] if ev["prev"] else []) + ev["deps"]
        if any(self.events[p]["time"] >= ev["time"] for p in parents):
            raise Refused("bad_time", "time is not after prev and deps")
        if ev["time"] > now + FUTURE:
            raise Refused("future_time", "time is more than ten minutes ahead")
        past = frozenset().union(*([self.past[p] | {p} for p in parents] or [frozenset()]))
        if t != "project.created":
            view = self.own_view(past)  # section 11.4
            failure = self.standing_failure(view, ev)
            if failure == "not_member":
                raise Refused("not_member", "the author is not a member in the causal past")
            if failure == "forbidden":
                raise Refused("forbidden", "the author's role may not write this, or may not act on that member")
            self.check_references(ev, past, view)
        self.events[ev["id"]] = ev
        self.arrival.append(ev["id"])
        self.past[ev["id"]] = past
        if t == "project.created":
            self.project = ev["id"]
        return "accepted"

    def check_references(self, ev, past, view):
        """Rule 24: what the body names exists and is usable in the causal past."""
        t, b = ev["type"], ev["body"]

        def kind(i, *types):
            """Exists: in the causal past and of the right kind, whether or not it takes effect there."""
            return i in past and self.events[i]["type"] in types

        def taking_effect():
            """The events of the causal past that take effect in it (section 11.4)."""
            return [self.events[i] for i in self.effects(past)[0]]

        def named_by(type_, field, i):
            return any(x["type"] == type_ and x["body"][field] == i for x in taking_effect())

        def live_code(i):
            return not named_by("code.retired", "code", i) and not named_by("code.merged", "code", i)

        def document(i, code_if_retired=None):
            if not kind(i, "document.added"):
                raise Refused("unknown_document", "no such document in the causal past")
            if code_if_retired and named_by("document.retired", "document", i):
                raise Refused(code_if_retired, "the document is retired")

        def code(i, must_be_live):
            if not kind(i, "code.defined"):
                raise Refused("unknown_code", "no such code in the causal past")
            if must_be_live and not live_code(i):
                raise Refused("retired_code", "the code is retired or merged")

        def bases():
            if any(x not in past for x in b["base"]):
                raise Refused("unknown_event", "a base id is outside the causal past")

        def span(document_id):
            if b["end"] > self.events[document_id]["body"]["length"]:
                raise Refused("span_out_of_range", "the span ends after the document")

        if t == "member.added":
            for key in b["keys"]:
                holder = view.member_of(key)
                if holder is not None and not view.removed(holder):
                    raise Refused("duplicate_member", "a key already belongs to a member")
        elif t in ACTING_TYPES:
            if not kind(b["member"], "project.created", "member.added"):
                raise Refused("unknown_member", "no such member in the causal past")
            if t == "member.changed":
                bases()
        elif t == "document.retired":
            document(b["document"])
        elif t == "document.done":
            document(b["document"], "retired_document")
        elif t == "code.defined":
            if b["parent"] is not None:
                code(b["parent"], True)
        elif t == "code.changed":
            code(b["code"], False)
            bases()
            if b.get("parent") is not None:
                code(b["parent"], True)
                parents = {}  # the parent register of every code, over what takes effect in the causal past
                for x in sorted(taking_effect(), key=edit_key):
                    if x["type"] == "code.defined":
                        parents[x["id"]] = x["body"]["parent"]
                    elif x["type"] == "code.changed" and "parent" in x["body"]:
                        parents[x["body"]["code"]] = x["body"]["parent"]
                node, steps = b["parent"], 0
                while node is not None and steps <= len(parents):
                    if node == b["code"]:
                        raise Refused("code_cycle", "a code cannot move under itself or a descendant")
                    node, steps = parents.get(node), steps + 1
        elif t == "code.merged":
            code(b["code"], True)
            code(b["into"], True)
        elif t == "code.retired":
            code(b["code"], False)
        elif t == "segment.coded":
            document(b["document"], "retired_document")
            code(b["code"], True)
            span(b["document"])
        elif t == "segment.uncoded":
            if not kind(b["coding"], "segment.coded"):
                raise Refused("unknown_coding", "no such coding in the causal past")
            # compared as members, each key's as its own event's causal past resolves it
            member = view.member_of(ev["author"])
            if view.value(member, "role") != "lead" and self.key_member(b["coding"]) != member:
                raise Refused("not_own_coding", "a coder may withdraw only their own member's codings")
        elif t == "memo.added":
            if "document" in b:
                document(b["document"])
            if "code" in b:
                code(b["code"], False)
            if "coding" in b and not kind(b["coding"], "segment.coded"):
                raise Refused("unknown_coding", "no such coding in the causal past")
        elif t == "adjudication.decided":
            document(b["document"])
            span(b["document"])
            for c in b["codes"]:
                code(c, False)
            bases()

    # --- section 12.3: which events take effect ---

    def effects(self, ids):
        """(effective ids, {voided id: (reason, cause)}) over a causally closed set of events.

        Over every held event this is section 12.3 with the global resolution; over an event's
        causal past it is what takes effect in that past, as admission reads it (section 11.4)."""
        ids = frozenset(ids)
        if ids not in self._effects:
            resolution = self.resolve(self.member_events(ids))
            effective, voided = set(), {}
            for e in sorted(ids, key=lambda i: fold_key(self.events[i])):
                ev = self.events[e]
                if ev["type"] in MEMBER_TYPES:
                    if e in resolution.effective:
                        effective.add(e)
                    else:
                        reason, cause = resolution.why[e]
                        voided[e] = self.authority_cause(e, resolution) if reason == "no_authority" else (reason, cause)
                    continue
                view = self.view(resolution.effective & self.past[e])
                hit = self.reaching(resolution.kept, e, view)  # only the kept cuts reach
                if hit is not None:
                    voided[e] = hit
                elif self.standing_failure(view, ev) is not None:
                    voided[e] = self.authority_cause(e, resolution)
                else:
                    lost = [n for n in named_events(ev) if n not in effective]
                    if lost:
                        voided[e] = ("voided_reference", lost[0])
                    else:
                        effective.add(e)
            self._effects[ids] = (frozenset(effective), voided)
        return self._effects[ids]

    def authority_cause(self, e, resolution):
        """Section 12.3 item 2: the reason and cause of `e`'s lost standing under `resolution`.

        The first voided event among, as e's own causal past resolves them: its author's member's
        creating event, the winning `keys` edit, the winning `role` edit, and for an act on a member
        the winning role edits met walking up the appointers from the target. Failing those, the
        cut in e's past that e's own past voids but `resolution` takes: its reason, and the cut."""
        ev = self.events[e]
        own = self.own_view(self.past[e])
        member = own.member_of(ev["author"])
        assert member is not None, "admitted events have a member in their own causal past"
        candidates = [member, own.edit(member, "keys"), own.edit(member, "role")]
        target = ev["body"].get("member") if ev["type"] in ACTING_TYPES else None
        if target in own.members and target != member and member != self.project:
            # the founder's standing rests on no walk; another lead's on the target being no lead,
            # or on the appointers from the target up to the lead's own member
            walk = [target]
            if own.value(target, "role") == "lead":
                walk += self.appointers(own, target)
                walk = walk[:walk.index(member)]
            candidates += [own.edit(m, "role") for m in walk]
        for c in candidates:
            if c not in resolution.effective:
                return ("no_authority", c)
        now = self.view(resolution.effective & self.past[e])
        lost = []
        for c in now.ids - own.ids:
            cut, reasons = self.events[c], []
            if not is_cut(cut) or cut["body"]["member"] != member:
                continue
            b = cut["body"]
            if cut["type"] == "member.removed":
                reasons.append("removed")
            if "role" in b and now.edit(member, "role") == c and ev["type"] not in WRITES[b["role"]]:
                reasons.append("demoted")
            if "keys" in b and now.edit(member, "keys") == c and ev["author"] not in b["keys"]:
                reasons.append("key_replaced")
            lost += [(CUT_REASONS.index(r), fold_key(cut), r, c) for r in reasons]
        assert lost, "a lost standing rests on a voided member event or on a cut its past voided"
        return min(lost)[2:]
    # --- section 12.5: the projections, a fold of the effective events ---

    def state(self):
        effective, voided = self.effects(self.events)
        resolution = self.resolve(self.member_events(self.events))
        members = self.view(resolution.effective)
        ordered = sorted((self.events[i] for i in effective), key=fold_key)

        def coder(ev):
            """The member an event's key belonged to in its causal past, named as now."""
            return members.value(self.view(resolution.effective & self.past[ev["id"]]).member_of(ev["author"]), "name")

        code_edits, merged, retired, withdrawn = {}, {}, set(), set()
        documents, codes, codings, done = [], [], [], {}
        for ev in self.arrival_order(effective):  # order-free folds: registers, sets
            t, b = ev["type"], ev["body"]
            if t == "code.defined":
                for f in ("name", "parent"):
                    code_edits.setdefault((ev["id"], f), []).append((edit_key(ev), b[f]))
            elif t == "code.changed":
                for f in ("name", "parent"):
                    if f in b:
                        code_edits.setdefault((b["code"], f), []).append((edit_key(ev), b[f]))
            elif t == "code.merged":
                merged.setdefault(b["code"], []).append((edit_key(ev), b["into"]))
            elif t in ("document.retired", "code.retired"):
                retired.add(b.get("document") or b.get("code"))
            elif t == "segment.uncoded":
                withdrawn.add(b["coding"])
            elif t == "document.done":
                done.setdefault(b["document"], set()).add(coder(ev))

        def value(code_id, field):
            return max(code_edits[(code_id, field)])[1]

        into = {c: max(edits)[1] for c, edits in merged.items()}

        def path(code_id):
            names, seen = [], set()
            while code_id is not None and code_id not in seen:
                seen.add(code_id)
                names.append(value(code_id, "name"))
                code_id = value(code_id, "parent")
            return "/".join(reversed(names))

        def effective_code(code_id):
            seen = set()
            while code_id in into and code_id not in seen:
                seen.add(code_id)
                code_id = into[code_id]
            return code_id

        for ev in ordered:
            t, b = ev["type"], ev["body"]
            if t == "document.added":
                documents.append({"id": ev["id"], "title": b["title"], "sha256": b["sha256"], "length": b["length"],
                                  "retired": ev["id"] in retired})
            elif t == "code.defined":
                codes.append({"id": ev["id"], "path": path(ev["id"]), "retired": ev["id"] in retired,
                              "merged_into": into.get(ev["id"])})
            elif t == "segment.coded" and ev["id"] not in withdrawn:
                codings.append({"id": ev["id"], "coder": coder(ev), "document": b["document"],
                                "code": effective_code(b["code"]), "start": b["start"], "end": b["end"]})

        heads, at = {}, {}
        for ev in self.events.values():
            heads[ev["author"]] = max(heads.get(ev["author"], 0), ev["seq"])
            at.setdefault((ev["author"], ev["seq"]), []).append(ev["id"])
        forks = []
        for (author, seq), ids in sorted(at.items()):
            if len(ids) > 1:
                healed = any(x["author"] == author and set(ids) <= self.past[x["id"]] for x in self.events.values())
                forks.append({"author": author, "seq": seq, "ids": sorted(ids), "open": not healed})
        genesis = self.events[self.project]
        return {
            "project": {"id": self.project, "name": genesis["body"]["name"]},
            "events": len(self.events),
            "heads": dict(sorted(heads.items())),
            "members": [{"id": m, "name": members.value(m, "name"), "role": members.value(m, "role"),
                         "keys": sorted(members.value(m, "keys")), "removed": members.removed(m)}
                        for m in members.created],
            "documents": documents,
            "codes": codes,
            "codings": codings,
            "done": {d: sorted(names) for d, names in sorted(done.items())},
            "voided": [{"id": i, "reason": r, "cause": c} for i, (r, c) in sorted(voided.items())],
            "forks": forks,
        }

    def arrival_order(self, ids):
        return [self.events[i] for i in self.arrival if i in ids]


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
    e["sig"] = ed25519_nonce.unreduced(bytes.fromhex(e["sig"])).hex()
    case("bad_signature_s_not_reduced", "bad_signature", line(e))

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
# Scenarios: several replicas writing concurrently, then everything held
# ---------------------------------------------------------------------------

zed = Key("accord-vector-zed")
zed_2 = Key("accord-vector-zed-2")  # zed's second key
eve = Key("accord-vector-eve")
yan = Key("accord-vector-yan")
carol_2 = Key("accord-vector-carol-2")  # carol's second key
lena_2 = Key("accord-vector-lead-2")  # lena's second key
SCENARIO_KEYS = {"lena": lena, "lena-2": lena_2, "alice": alice, "bob": bob, "carol": carol, "carol-2": carol_2,
                 "eve": eve, "mallory": mallory, "yan": yan, "zed": zed, "zed-2": zed_2}


class Scenario:
    """Events written on several replicas ("views"), listed in the order they were written.

    A view is the set of event ids one replica holds. Writing on a view follows sections 5 and 6:
    seq and prev continue the author's chain as that view holds it (the author's head with the
    greatest (seq, id) when the view holds a fork), deps are the view's other heads, and time is
    one second after the previous line of the scenario (or a given time)."""

    def __init__(self, name, title, about):
        self.name, self.title, self.about = name, title, about
        self.events, self.by_id, self.views = [], {}, {}
        self.time = T0 - STEP
        self.project = None

    def heads(self, held):
        named = set()
        for i in held:
            ev = self.by_id[i]
            named.update(ev["deps"])
            if ev["prev"]:
                named.add(ev["prev"])
        return sorted(set(held) - named)

    def draft(self, view, key, type_, body, time=None):
        """The event `key` would write on `view` (not added to the scenario)."""
        held = self.views.setdefault(view, set())
        own = [self.by_id[i] for i in held if self.by_id[i]["author"] == key.public]
        successors = {ev["prev"] for ev in own}
        own_heads = [ev for ev in own if ev["id"] not in successors]
        prev = max(own_heads, key=lambda ev: (ev["seq"], ev["id"])) if own_heads else None
        fields = {
            "v": 1,
            "author": key.public,
            "seq": prev["seq"] + 1 if prev else 1,
            "prev": prev["id"] if prev else None,
            "deps": [h for h in self.heads(held) if prev is None or h != prev["id"]],
            "time": time if time is not None else self.time + STEP,
            "type": type_,
            "body": body,
        }
        if self.project is not None:
            fields["project"] = self.project
        assert all(self.by_id[p]["time"] < fields["time"] for p in fields["deps"] + ([prev["id"]] if prev else []))
        return seal(fields, key)

    def write(self, view, key, type_, body, time=None):
        ev = self.draft(view, key, type_, body, time)
        self.events.append(ev)
        self.by_id[ev["id"]] = ev
        self.views[view].add(ev["id"])
        self.time = max(self.time, ev["time"])
        if type_ == "project.created":
            self.project = ev["id"]
        return ev["id"]

    def sync(self, into, *sources):
        """`into` receives everything the `sources` hold."""
        held = self.views.setdefault(into, set())
        for s in sources:
            held |= self.views[s]

    def copy(self, new, source):
        """A second replica starts as a copy of `source` (a copied project folder)."""
        self.views[new] = set(self.views[source])

    def lines(self):
        return [canonical(ev) for ev in self.events]


def start(sc, view="lena"):
    """Every scenario opens alike: lena founds the project, adds a document and three codes."""
    ids = {"project": sc.write(view, lena, "project.created", {"name": sc.title, "member": "lena"})}
    ids["doc"] = sc.write(view, lena, "document.added", document_body("Model spec (excerpt)", DOC1, {"year": "2025"}))

    def code(name, parent=None):
        return sc.write(view, lena, "code.defined", {"name": name, "parent": parent, "description": "",
                                                     "color": None, "exclusive": False})

    ids["values"] = code("values")
    ids["helpfulness"] = code("helpfulness", ids["values"])
    ids["honesty"] = code("honesty", ids["values"])
    return ids


def add(sc, view, key, name, role, by=lena):
    return sc.write(view, by, "member.added", {"name": name, "role": role, "keys": [key.public]})


def coded(sc, view, key, ids, code, quote, occurrence=1):
    return sc.write(view, key, "segment.coded", {"document": ids["doc"], "code": ids[code], **span(DOC1, quote, occurrence)})


def backdated_lead():
    sc = Scenario("backdated_lead", "Scenario: backdated lead",
                  "lena appoints zed and removes him; zed, not having seen it, appoints eve, who adds mallory, "
                  "codes, and removes coder bob. Everything eve and mallory did rests on zed's voided appointment "
                  "of eve. bob, having seen both eve's removal of him and lena's removal of zed, still codes.")
    ids = start(sc)
    ids["m_zed"] = add(sc, "lena", zed, "zed", "lead")
    ids["m_bob"] = add(sc, "lena", bob, "bob", "coder")
    sc.copy("zed", "lena")
    ids["rm_zed"] = sc.write("lena", lena, "member.removed", {"member": ids["m_zed"]})
    ids["m_eve"] = add(sc, "zed", eve, "eve", "lead", by=zed)  # backdated: zed has not seen his removal
    sc.copy("eve", "zed")
    ids["m_mallory"] = add(sc, "eve", mallory, "mallory", "coder", by=eve)
    sc.copy("mallory", "eve")
    ids["mallory_helpful"] = coded(sc, "mallory", mallory, ids, "helpfulness", "helpful")
    ids["eve_honest"] = coded(sc, "eve", eve, ids, "honesty", "honest")
    ids["rm_bob"] = sc.write("eve", eve, "member.removed", {"member": ids["m_bob"]})
    sc.copy("bob", "eve")  # bob holds eve's removal of him, not yet lena's removal of zed
    sc.sync("lena", "eve", "mallory")
    sc.sync("bob", "lena")
    ids["bob_harmless"] = coded(sc, "bob", bob, ids, "honesty", "harmless")
    return sc, ids


def removed_coder_offline():
    sc = Scenario("removed_coder_offline", "Scenario: removed coder offline",
                  "lena removes coder bob after seeing his first two codings; bob, offline, codes two more spans "
                  "and withdraws his first coding. Coder alice codes at the same time.")
    ids = start(sc)
    ids["m_alice"] = add(sc, "lena", alice, "alice", "coder")
    ids["m_bob"] = add(sc, "lena", bob, "bob", "coder")
    sc.copy("bob", "lena")
    sc.copy("alice", "lena")
    ids["bob_helpful"] = coded(sc, "bob", bob, ids, "helpfulness", "helpful")
    ids["bob_honest"] = coded(sc, "bob", bob, ids, "honesty", "honest")
    sc.sync("lena", "bob")
    ids["rm_bob"] = sc.write("lena", lena, "member.removed", {"member": ids["m_bob"]})
    ids["bob_harmless"] = coded(sc, "bob", bob, ids, "honesty", "harmless")
    ids["alice_refuse"] = coded(sc, "alice", alice, ids, "helpfulness", "refuse unsafe requests")
    ids["bob_refuse"] = coded(sc, "bob", bob, ids, "helpfulness", "refuse unsafe requests")
    ids["bob_uncode"] = sc.write("bob", bob, "segment.uncoded", {"coding": ids["bob_helpful"]})
    return sc, ids


def key_replaced():
    sc = Scenario("key_replaced", "Scenario: key replaced",
                  "lena replaces coder carol's key after seeing one coding made with it; carol's old key, offline, "
                  "codes twice more; carol's new key codes twice.")
    ids = start(sc)
    ids["m_carol"] = add(sc, "lena", carol, "carol", "coder")
    sc.copy("carol", "lena")
    ids["old_helpful"] = coded(sc, "carol", carol, ids, "helpfulness", "helpful")
    sc.sync("lena", "carol")
    ids["new_key"] = sc.write("lena", lena, "member.changed", {"member": ids["m_carol"], "base": [ids["m_carol"]],
                                                               "keys": [carol_2.public]})
    ids["old_honest"] = coded(sc, "carol", carol, ids, "honesty", "honest")
    ids["old_harmless"] = coded(sc, "carol", carol, ids, "honesty", "harmless")
    sc.copy("carol-2", "lena")
    ids["new_honest"] = coded(sc, "carol-2", carol_2, ids, "honesty", "honest")
    ids["new_harmless"] = coded(sc, "carol-2", carol_2, ids, "honesty", "harmless")
    return sc, ids


def fork(sc, ids):
    """alice codes once, copies her project folder to a second laptop and codes on both."""
    ids["m_alice"] = add(sc, "lena", alice, "alice", "coder")
    sc.copy("laptop-1", "lena")
    ids["a_helpful"] = coded(sc, "laptop-1", alice, ids, "helpfulness", "helpful")
    sc.copy("laptop-2", "laptop-1")
    ids["a1_honest"] = coded(sc, "laptop-1", alice, ids, "honesty", "honest")
    ids["a2_harmless"] = coded(sc, "laptop-2", alice, ids, "honesty", "harmless")
    ids["a1_refuse"] = coded(sc, "laptop-1", alice, ids, "helpfulness", "refuse unsafe requests")
    ids["a2_consent"] = coded(sc, "laptop-2", alice, ids, "honesty", "We do not train on user data without consent.")
    ids["a2_refuse"] = coded(sc, "laptop-2", alice, ids, "helpfulness", "refuse unsafe requests")
    sc.sync("lena", "laptop-1", "laptop-2")
    ids["l_helpful"] = coded(sc, "lena", lena, ids, "helpfulness", "helpful, honest")


def fork_both_sides_stand():
    sc = Scenario("fork_both_sides_stand", "Scenario: fork, both sides stand",
                  "alice codes on two laptops with one key: both write seq 2 and 3, one side also seq 4. lena holds "
                  "both sides and codes. Every coding stands; the fork stays open.")
    ids = start(sc)
    fork(sc, ids)
    return sc, ids


def fork_healed():
    sc = Scenario("fork_healed", "Scenario: fork healed",
                  "the fork of fork_both_sides_stand, then laptop 1 receives laptop 2's events and alice withdraws "
                  "the span she coded on both laptops: that event's causal past holds both sides, so the fork is "
                  "healed.")
    ids = start(sc)
    fork(sc, ids)
    sc.sync("laptop-1", "laptop-2")
    ids["heal"] = sc.write("laptop-1", alice, "segment.uncoded", {"coding": ids["a1_refuse"]})
    return sc, ids


def fork_same_time_edits():
    sc = Scenario("fork_same_time_edits", "Scenario: fork with same-time edits",
                  "lead yan, on two copies of one project folder, renames `values/helpfulness` in the same "
                  "microsecond on each (his seq 1 twice). The two edits share time and author: the greater id "
                  "(`useful`, listed first) gives the name, in conflict with the other (section 9).")
    ids = start(sc)
    ids["m_yan"] = add(sc, "lena", yan, "yan", "lead")
    sc.copy("yan-1", "lena")
    sc.copy("yan-2", "lena")
    same = sc.time + STEP
    # listed first is the edit whose id wins, so a fold that lets the later arrival win fails
    ids["rename_useful"] = sc.write("yan-2", yan, "code.changed", {"code": ids["helpfulness"],
                                                                   "base": [ids["helpfulness"]], "name": "useful"}, time=same)
    ids["rename_helpful"] = sc.write("yan-1", yan, "code.changed", {"code": ids["helpfulness"],
                                                                    "base": [ids["helpfulness"]], "name": "helpful"}, time=same)
    assert ids["rename_useful"] > ids["rename_helpful"]
    sc.sync("lena", "yan-1", "yan-2")
    ids["l_helpful"] = coded(sc, "lena", lena, ids, "helpfulness", "helpful")
    return sc, ids


def demoted_lead_acting():
    sc = Scenario("demoted_lead_acting", "Scenario: demoted lead acting",
                  "lena demotes lead zed to coder; zed, not having seen it, removes coder bob, defines a code and "
                  "codes a span. The removal and the definition are voided (demoted); bob stays; the coding stands.")
    ids = start(sc)
    ids["m_zed"] = add(sc, "lena", zed, "zed", "lead")
    ids["m_bob"] = add(sc, "lena", bob, "bob", "coder")
    sc.copy("zed", "lena")
    ids["demote_zed"] = sc.write("lena", lena, "member.changed", {"member": ids["m_zed"], "base": [ids["m_zed"]],
                                                                   "role": "coder"})
    ids["rm_bob"] = sc.write("zed", zed, "member.removed", {"member": ids["m_bob"]})
    ids["zed_tone"] = sc.write("zed", zed, "code.defined", {"name": "tone", "parent": None, "description": "",
                                                            "color": None, "exclusive": False})
    ids["zed_honest"] = coded(sc, "zed", zed, ids, "honesty", "honest")
    sc.sync("lena", "zed")
    return sc, ids


def voided_reference():
    sc = Scenario("voided_reference", "Scenario: voided reference",
                  "lena removes lead zed; zed, not having seen it, defines a code; coder alice, holding zed's code "
                  "but not his removal, codes with it and writes a memo on that coding, and codes with a code of "
                  "lena's.")
    ids = start(sc)
    ids["m_zed"] = add(sc, "lena", zed, "zed", "lead")
    ids["m_alice"] = add(sc, "lena", alice, "alice", "coder")
    sc.copy("zed", "lena")
    ids["rm_zed"] = sc.write("lena", lena, "member.removed", {"member": ids["m_zed"]})
    ids["tone"] = sc.write("zed", zed, "code.defined", {"name": "tone", "parent": ids["values"], "description": "",
                                                        "color": None, "exclusive": False})
    sc.copy("alice", "zed")
    ids["alice_tone"] = sc.write("alice", alice, "segment.coded", {"document": ids["doc"], "code": ids["tone"],
                                                                   **span(DOC1, "politely")})
    ids["alice_memo"] = sc.write("alice", alice, "memo.added", {"coding": ids["alice_tone"], "document": ids["doc"],
                                                                "text": "Tone, not content."})
    ids["alice_honest"] = coded(sc, "alice", alice, ids, "honesty", "honest")
    sc.sync("lena", "alice")
    return sc, ids


def mutual_exotic():
    sc = Scenario("mutual_exotic", "Scenario: two leads cutting each other",
                  "zed promotes coder bob to lead; lena demotes zed and re-grants him lead, and bob, having seen the "
                  "demotion but not the re-grant, removes zed (then a coder to him) while zed, re-granted, removes "
                  "bob (a lead zed appointed). Each removal reaches the other; zed's (rank 1) is taken before bob's "
                  "(rank 2) though bob's is earlier, so zed stays and bob is removed. lena's demotion of zed does "
                  "not reach zed's removal of bob, which has it in its causal past (zed wrote it as a lead "
                  "re-granted since).")
    ids = start(sc)
    ids["m_zed"] = add(sc, "lena", zed, "zed", "lead")
    ids["m_bob"] = add(sc, "lena", bob, "bob", "coder")
    sc.copy("zed", "lena")
    ids["promote_bob"] = sc.write("zed", zed, "member.changed", {"member": ids["m_bob"], "base": [ids["m_bob"]],
                                                                 "role": "lead"})
    sc.sync("lena", "zed")
    ids["demote_zed"] = sc.write("lena", lena, "member.changed", {"member": ids["m_zed"], "base": [ids["m_zed"]],
                                                                   "role": "coder"})
    sc.copy("bob", "lena")
    ids["regrant_zed"] = sc.write("lena", lena, "member.changed", {"member": ids["m_zed"], "base": [ids["demote_zed"]],
                                                                    "role": "lead"})
    sc.sync("zed", "lena")
    ids["bob_removes_zed"] = sc.write("bob", bob, "member.removed", {"member": ids["m_zed"]})
    ids["zed_removes_bob"] = sc.write("zed", zed, "member.removed", {"member": ids["m_bob"]})
    ids["bob_honest"] = coded(sc, "bob", bob, ids, "honesty", "honest")
    ids["zed_helpful"] = coded(sc, "zed", zed, ids, "helpfulness", "helpful")
    sc.sync("lena", "bob", "zed")
    return sc, ids


def concurrent_removal_and_role_change():
    sc = Scenario("concurrent_removal_and_role_change", "Scenario: concurrent removal and role change",
                  "lena promotes coder bob to lead while lead zed, not having seen it, removes bob; bob, seeing his "
                  "promotion only, defines a code and codes with it. lena removes coder carol while zed, not having "
                  "seen it, makes carol an auditor; carol, seeing neither, codes.")
    ids = start(sc)
    ids["m_zed"] = add(sc, "lena", zed, "zed", "lead")
    ids["m_bob"] = add(sc, "lena", bob, "bob", "coder")
    ids["m_carol"] = add(sc, "lena", carol, "carol", "coder")
    sc.copy("zed", "lena")
    sc.copy("carol", "lena")
    ids["promote_bob"] = sc.write("lena", lena, "member.changed", {"member": ids["m_bob"], "base": [ids["m_bob"]],
                                                                   "role": "lead"})
    sc.copy("bob", "lena")
    ids["rm_bob"] = sc.write("zed", zed, "member.removed", {"member": ids["m_bob"]})
    ids["bob_tone"] = sc.write("bob", bob, "code.defined", {"name": "tone", "parent": None, "description": "",
                                                            "color": None, "exclusive": False})
    ids["bob_tone_coding"] = sc.write("bob", bob, "segment.coded", {"document": ids["doc"], "code": ids["bob_tone"],
                                                                    **span(DOC1, "politely")})
    ids["rm_carol"] = sc.write("lena", lena, "member.removed", {"member": ids["m_carol"]})
    ids["carol_auditor"] = sc.write("zed", zed, "member.changed", {"member": ids["m_carol"], "base": [ids["m_carol"]],
                                                                    "role": "auditor"})
    ids["carol_honest"] = coded(sc, "carol", carol, ids, "honesty", "honest")
    sc.sync("lena", "zed", "bob", "carol")
    return sc, ids


def key_rotation_concurrent_with_old_key_writes():
    sc = Scenario("key_rotation_concurrent_with_old_key_writes", "Scenario: key rotation and old-key writes",
                  "lead zed works on two laptops with one key. On laptop 1 he replaces his own key with a new one "
                  "and codes with it; laptop 2, not having seen that, keeps writing with the old key at the same "
                  "seq (a fork): a code, a new coder yan, a coding. yan codes; lena, holding laptop 2's events, "
                  "codes with zed's new code.")
    ids = start(sc)
    ids["m_zed"] = add(sc, "lena", zed, "zed", "lead")
    sc.copy("laptop-1", "lena")
    ids["zed_helpful"] = coded(sc, "laptop-1", zed, ids, "helpfulness", "helpful")
    sc.copy("laptop-2", "laptop-1")
    ids["rotate"] = sc.write("laptop-1", zed, "member.changed", {"member": ids["m_zed"], "base": [ids["m_zed"]],
                                                                 "keys": [zed_2.public]})
    ids["tone"] = sc.write("laptop-2", zed, "code.defined", {"name": "tone", "parent": None, "description": "",
                                                             "color": None, "exclusive": False})
    ids["new_honest"] = coded(sc, "laptop-1", zed_2, ids, "honesty", "honest")
    ids["m_yan"] = add(sc, "laptop-2", yan, "yan", "coder", by=zed)
    ids["old_harmless"] = coded(sc, "laptop-2", zed, ids, "honesty", "harmless")
    sc.copy("yan", "laptop-2")
    ids["yan_refuse"] = coded(sc, "yan", yan, ids, "helpfulness", "refuse unsafe requests")
    sc.sync("lena", "laptop-1", "laptop-2", "yan")
    ids["lena_tone"] = sc.write("lena", lena, "segment.coded", {"document": ids["doc"], "code": ids["tone"],
                                                                **span(DOC1, "politely")})
    return sc, ids


def appointment_chain():
    sc = Scenario("appointment_chain", "Scenario: appointment chain",
                  "every act on a member that section 7 allows, on one linear log: lena appoints leads zed and yan "
                  "and coder bob; zed appoints lead eve, who adds coder mallory; zed renames eve, promotes bob and "
                  "demotes him again; yan renames himself; lena renames eve (two appointments down) and makes "
                  "bob a lead again (now lena, not zed, is his appointer); eve makes mallory an auditor and yan "
                  "removes her. Nothing is voided.")
    ids = start(sc, "hub")
    w = lambda key, type_, body: sc.write("hub", key, type_, body)
    ids["m_zed"] = add(sc, "hub", zed, "zed", "lead")
    ids["m_yan"] = add(sc, "hub", yan, "yan", "lead")
    ids["m_bob"] = add(sc, "hub", bob, "bob", "coder")
    ids["m_eve"] = add(sc, "hub", eve, "eve", "lead", by=zed)
    ids["m_mallory"] = add(sc, "hub", mallory, "mallory", "coder", by=eve)
    ids["rename_eve"] = w(zed, "member.changed", {"member": ids["m_eve"], "base": [ids["m_eve"]], "name": "eve k."})
    ids["promote_bob"] = w(zed, "member.changed", {"member": ids["m_bob"], "base": [ids["m_bob"]], "role": "lead"})
    ids["demote_bob"] = w(zed, "member.changed", {"member": ids["m_bob"], "base": [ids["promote_bob"]], "role": "coder"})
    ids["rename_yan"] = w(yan, "member.changed", {"member": ids["m_yan"], "base": [ids["m_yan"]], "name": "yan (lead)"})
    ids["lena_renames_eve"] = w(lena, "member.changed", {"member": ids["m_eve"], "base": [ids["rename_eve"]],
                                                         "name": "eve kim"})
    ids["lena_promotes_bob"] = w(lena, "member.changed", {"member": ids["m_bob"], "base": [ids["demote_bob"]],
                                                          "role": "lead"})
    ids["mallory_auditor"] = w(eve, "member.changed", {"member": ids["m_mallory"], "base": [ids["m_mallory"]],
                                                        "role": "auditor"})
    ids["rm_mallory"] = w(yan, "member.removed", {"member": ids["m_mallory"]})
    return sc, ids


def regrant_after_demotion():
    sc = Scenario("regrant_after_demotion", "Scenario: re-granted after a demotion",
                  "lena demotes lead zed to coder and later makes him a lead again. zed, offline until then, "
                  "defines a code; then, holding both changes, defines another and adds coder alice, who codes with "
                  "it. The demotion reaches only what zed wrote without seeing it (the first code); what he wrote "
                  "after seeing both changes is judged by his standing in its own causal past, and stands.")
    ids = start(sc)
    ids["m_zed"] = add(sc, "lena", zed, "zed", "lead")
    sc.copy("zed", "lena")
    ids["demote_zed"] = sc.write("lena", lena, "member.changed", {"member": ids["m_zed"], "base": [ids["m_zed"]],
                                                                   "role": "coder"})
    ids["zed_tone"] = sc.write("zed", zed, "code.defined", {"name": "tone", "parent": None, "description": "",
                                                            "color": None, "exclusive": False})
    sc.copy("zed-demoted", "zed")
    sc.sync("zed-demoted", "lena")  # zed holding the demotion but not yet the re-grant (see invalid/)
    ids["regrant_zed"] = sc.write("lena", lena, "member.changed", {"member": ids["m_zed"],
                                                                    "base": [ids["demote_zed"]], "role": "lead"})
    sc.sync("zed", "lena")
    ids["zed_style"] = sc.write("zed", zed, "code.defined", {"name": "style", "parent": None, "description": "",
                                                             "color": None, "exclusive": False})
    ids["m_alice"] = add(sc, "zed", alice, "alice", "coder", by=zed)
    sc.copy("alice", "zed")
    ids["alice_style"] = sc.write("alice", alice, "segment.coded", {"document": ids["doc"], "code": ids["zed_style"],
                                                                    **span(DOC1, "politely")})
    sc.sync("lena", "zed", "alice")
    return sc, ids


def regrant_by_a_removed_lead():
    sc = Scenario("regrant_by_a_removed_lead", "Scenario: re-granted by a removed lead",
                  "lena demotes lead zed to coder; lead yan, holding that, makes zed a lead again (zed is then no "
                  "lead, so yan may) while lena, not having seen it, removes yan. zed, holding the demotion and "
                  "yan's re-grant, defines a code and codes. The removal reaches the re-grant (removed); the code "
                  "rests on it (no_authority, the re-grant), not on the demotion zed had seen; the coding stands, "
                  "as a coder may code.")
    ids = start(sc)
    ids["m_zed"] = add(sc, "lena", zed, "zed", "lead")
    ids["m_yan"] = add(sc, "lena", yan, "yan", "lead")
    ids["demote_zed"] = sc.write("lena", lena, "member.changed", {"member": ids["m_zed"], "base": [ids["m_zed"]],
                                                                   "role": "coder"})
    sc.copy("yan", "lena")
    ids["rm_yan"] = sc.write("lena", lena, "member.removed", {"member": ids["m_yan"]})
    ids["yan_regrants_zed"] = sc.write("yan", yan, "member.changed", {"member": ids["m_zed"],
                                                                       "base": [ids["demote_zed"]], "role": "lead"})
    sc.copy("zed", "yan")
    ids["zed_tone"] = sc.write("zed", zed, "code.defined", {"name": "tone", "parent": None, "description": "",
                                                            "color": None, "exclusive": False})
    ids["zed_honest"] = coded(sc, "zed", zed, ids, "honesty", "honest")
    sc.sync("lena", "yan", "zed")
    return sc, ids


def unkept_cut():
    sc = Scenario("unkept_cut", "Scenario: a cut not kept",
                  "lead zed works on two laptops with one key. Laptop 2 makes coder bob an auditor; laptop 1, "
                  "not having seen that, replaces zed's key, and laptop 2 goes on with the old key (a fork): a "
                  "code, which lena codes with. bob codes, not having seen his change. Both cuts rank 1; the "
                  "earlier, bob's change, is kept first; the key replacement would void it, so it is not kept. It "
                  "still takes effect (zed's keys are the new one, and an old-key event written after seeing it "
                  "is refused) but reaches nothing: laptop 2's old-key work stands. bob's coding is voided "
                  "(demoted).")
    ids = start(sc)
    ids["m_zed"] = add(sc, "lena", zed, "zed", "lead")
    ids["m_bob"] = add(sc, "lena", bob, "bob", "coder")
    sc.copy("bob", "lena")
    sc.copy("laptop-1", "lena")
    ids["zed_helpful"] = coded(sc, "laptop-1", zed, ids, "helpfulness", "helpful")
    sc.copy("laptop-2", "laptop-1")
    ids["bob_auditor"] = sc.write("laptop-2", zed, "member.changed", {"member": ids["m_bob"], "base": [ids["m_bob"]],
                                                                       "role": "auditor"})
    ids["rotate"] = sc.write("laptop-1", zed, "member.changed", {"member": ids["m_zed"], "base": [ids["m_zed"]],
                                                                 "keys": [zed_2.public]})
    ids["tone"] = sc.write("laptop-2", zed, "code.defined", {"name": "tone", "parent": None, "description": "",
                                                             "color": None, "exclusive": False})
    ids["new_honest"] = coded(sc, "laptop-1", zed_2, ids, "honesty", "honest")
    ids["bob_refuse"] = coded(sc, "bob", bob, ids, "helpfulness", "refuse unsafe requests")
    sc.sync("lena", "laptop-1", "laptop-2", "bob")
    ids["lena_tone"] = sc.write("lena", lena, "segment.coded", {"document": ids["doc"], "code": ids["tone"],
                                                                **span(DOC1, "politely")})
    sc.sync("laptop-2", "laptop-1")  # laptop 2 then receives the rotation (see invalid/)
    return sc, ids


def founder_breaks_appointer_loop():
    sc = Scenario("founder_breaks_appointer_loop", "Scenario: the founder breaks an appointer loop",
                  "lena appoints leads zed and yan; zed appoints lead eve; lena makes zed a coder and eve, holding "
                  "that, makes him a lead again. Now zed's appointer is eve and eve's is zed: a loop that reaches "
                  "no one else, so no other lead may act on either. lena, the founder, may act on every member: "
                  "she removes eve and makes zed a coder again. eve, not having seen her removal, codes; zed, not "
                  "having seen his demotion, defines a code. Both are voided.")
    ids = start(sc, "hub")
    ids["m_zed"] = add(sc, "hub", zed, "zed", "lead")
    ids["m_yan"] = add(sc, "hub", yan, "yan", "lead")
    ids["m_eve"] = add(sc, "hub", eve, "eve", "lead", by=zed)
    ids["demote_zed"] = sc.write("hub", lena, "member.changed", {"member": ids["m_zed"], "base": [ids["m_zed"]],
                                                                  "role": "coder"})
    ids["eve_promotes_zed"] = sc.write("hub", eve, "member.changed", {"member": ids["m_zed"],
                                                                       "base": [ids["demote_zed"]], "role": "lead"})
    sc.copy("zed", "hub")
    sc.copy("eve", "hub")
    sc.copy("yan", "hub")  # yan holds the loop (see invalid/)
    ids["rm_eve"] = sc.write("hub", lena, "member.removed", {"member": ids["m_eve"]})
    ids["demote_zed_again"] = sc.write("hub", lena, "member.changed", {"member": ids["m_zed"],
                                                                        "base": [ids["eve_promotes_zed"]],
                                                                        "role": "coder"})
    ids["eve_honest"] = coded(sc, "eve", eve, ids, "honesty", "honest")
    ids["zed_tone"] = sc.write("zed", zed, "code.defined", {"name": "tone", "parent": None, "description": "",
                                                            "color": None, "exclusive": False})
    sc.sync("hub", "zed", "eve")
    return sc, ids


def voided_retirement():
    sc = Scenario("voided_retirement", "Scenario: voided retirement",
                  "lena removes lead zed; zed, not having seen it, retires `values/honesty` and merges "
                  "`values/helpfulness` into `values`. Coder alice, holding both the removal and zed's two "
                  "events, codes with both codes: in her causal past the removal reaches the retirement and the "
                  "merge, so neither code is retired or merged there, and her codings are admitted and stand.")
    ids = start(sc)
    ids["m_zed"] = add(sc, "lena", zed, "zed", "lead")
    ids["m_alice"] = add(sc, "lena", alice, "alice", "coder")
    ids["m_bob"] = add(sc, "lena", bob, "bob", "coder")
    sc.copy("zed", "lena")
    ids["rm_zed"] = sc.write("lena", lena, "member.removed", {"member": ids["m_zed"]})
    ids["retire_honesty"] = sc.write("zed", zed, "code.retired", {"code": ids["honesty"]})
    ids["merge_helpfulness"] = sc.write("zed", zed, "code.merged", {"code": ids["helpfulness"],
                                                                    "into": ids["values"]})
    sc.copy("bob", "zed")  # bob holds zed's events but not the removal (see invalid/)
    sc.copy("alice", "zed")
    sc.sync("alice", "lena")
    ids["alice_honest"] = coded(sc, "alice", alice, ids, "honesty", "honest")
    ids["alice_helpful"] = coded(sc, "alice", alice, ids, "helpfulness", "helpful")
    sc.sync("lena", "alice")
    return sc, ids


def new_key_withdraws_old_coding():
    sc = Scenario("new_key_withdraws_old_coding", "Scenario: a new key withdraws an old key's coding",
                  "coder carol codes twice; lena, holding both codings, replaces carol's key; carol's new key "
                  "withdraws a coding made with the old one: each key's member is read in its own event's causal "
                  "past, and both are carol. lena then gives the old key to a new coder, dan (the `carol` key's "
                  "events from line 12 on are dan's).")
    ids = start(sc)
    ids["m_carol"] = add(sc, "lena", carol, "carol", "coder")
    sc.copy("carol", "lena")
    ids["old_helpful"] = coded(sc, "carol", carol, ids, "helpfulness", "helpful")
    ids["old_honest"] = coded(sc, "carol", carol, ids, "honesty", "honest")
    sc.sync("lena", "carol")
    ids["new_key"] = sc.write("lena", lena, "member.changed", {"member": ids["m_carol"], "base": [ids["m_carol"]],
                                                               "keys": [carol_2.public]})
    sc.copy("carol-2", "lena")
    ids["new_uncode"] = sc.write("carol-2", carol_2, "segment.uncoded", {"coding": ids["old_helpful"]})
    sc.sync("lena", "carol-2")
    ids["m_dan"] = add(sc, "lena", carol, "dan", "coder")
    ids["dan_harmless"] = sc.write("lena", carol, "segment.coded", {"document": ids["doc"], "code": ids["honesty"],
                                                                    **span(DOC1, "harmless")})
    return sc, ids


def standing_lost_to_a_cut_its_past_voided():
    sc = Scenario("standing_lost_to_a_cut_its_past_voided", "Scenario: standing lost to a cut its past voided",
                  "lena, on a second laptop, replaces her own key; on the first, not having seen that, she makes "
                  "lead zed a coder while zed, not having seen that, removes coder bob. bob, holding the demotion "
                  "and his removal, codes: in his causal past the demotion reaches the removal, so he is a member "
                  "there and is admitted. Over everything, the key replacement (rank 0, earliest) is kept and "
                  "reaches the demotion (key_replaced); zed's removal of bob takes effect, and bob's coding, "
                  "which had the removal in its past, is voided with that removal as its cause (removed).")
    ids = start(sc)
    ids["m_zed"] = add(sc, "lena", zed, "zed", "lead")
    ids["m_bob"] = add(sc, "lena", bob, "bob", "coder")
    sc.copy("zed", "lena")
    sc.copy("lena-laptop-2", "lena")
    ids["lena_rotate"] = sc.write("lena-laptop-2", lena, "member.changed", {
        "member": ids["project"], "base": [ids["project"]], "keys": [lena_2.public]})
    ids["rm_bob"] = sc.write("zed", zed, "member.removed", {"member": ids["m_bob"]})
    ids["demote_zed"] = sc.write("lena", lena, "member.changed", {"member": ids["m_zed"], "base": [ids["m_zed"]],
                                                                   "role": "coder"})
    sc.copy("bob", "lena")
    sc.sync("bob", "zed")
    ids["bob_honest"] = coded(sc, "bob", bob, ids, "honesty", "honest")
    sc.sync("lena", "lena-laptop-2", "zed", "bob")
    return sc, ids


SCENARIOS = [appointment_chain, backdated_lead, removed_coder_offline, key_replaced, fork_both_sides_stand,
             fork_healed, fork_same_time_edits, demoted_lead_acting, voided_reference, mutual_exotic,
             concurrent_removal_and_role_change, key_rotation_concurrent_with_old_key_writes,
             regrant_after_demotion, regrant_by_a_removed_lead, unkept_cut, founder_breaks_appointer_loop,
             voided_retirement, new_key_withdraws_old_coding, standing_lost_to_a_cut_its_past_voided]


def scenario_invalid_cases(built):
    """Rejected events whose context is a scenario: (name, code, base scenario, line)."""
    cases = []

    def case(name, code, base, view, key, type_, body):
        assert name.startswith(code), name
        sc = built[base][0]
        ev = sc.draft(view, key, type_, body, time=sc.time + STEP)
        cases.append((name, code, base, canonical(ev)))

    _, chain = built["appointment_chain"]
    case("forbidden_removing_the_founder", "forbidden", "appointment_chain", "hub", zed,
         "member.removed", {"member": chain["project"]})
    case("forbidden_removing_a_senior_lead", "forbidden", "appointment_chain", "hub", eve,
         "member.removed", {"member": chain["m_zed"]})
    case("forbidden_removing_a_lead_appointed_by_another", "forbidden", "appointment_chain", "hub", yan,
         "member.removed", {"member": chain["m_eve"]})
    case("forbidden_removing_a_lead_reappointed_by_another", "forbidden", "appointment_chain", "hub", zed,
         "member.removed", {"member": chain["m_bob"]})
    case("forbidden_demoting_a_peer", "forbidden", "appointment_chain", "hub", zed,
         "member.changed", {"member": chain["m_yan"], "base": [chain["m_yan"]], "role": "coder"})
    case("forbidden_renaming_a_peer", "forbidden", "appointment_chain", "hub", yan,
         "member.changed", {"member": chain["m_zed"], "base": [chain["m_zed"]], "name": "zed (old)"})
    case("forbidden_replacing_the_founders_key", "forbidden", "appointment_chain", "hub", zed,
         "member.changed", {"member": chain["project"], "base": [chain["project"]], "keys": [zed_2.public]})
    _, back = built["backdated_lead"]
    case("forbidden_backdated_lead_removing_the_founder", "forbidden", "backdated_lead", "eve", eve,
         "member.removed", {"member": back["project"]})
    case("not_member_removed_by_a_backdated_lead", "not_member", "backdated_lead", "eve", bob,
         "segment.coded", {"document": back["doc"], "code": back["honesty"], **span(DOC1, "harmless")})
    _, regrant = built["regrant_after_demotion"]
    case("forbidden_demoted_lead_before_the_regrant", "forbidden", "regrant_after_demotion", "zed-demoted", zed,
         "code.defined", {"name": "voice", "parent": None, "description": "", "color": None, "exclusive": False})
    _, unkept = built["unkept_cut"]
    case("not_member_old_key_after_an_unkept_rotation", "not_member", "unkept_cut", "laptop-2", zed,
         "segment.coded", {"document": unkept["doc"], "code": unkept["tone"], **span(DOC1, "harmless")})
    _, loop = built["founder_breaks_appointer_loop"]
    case("forbidden_removing_a_lead_in_an_appointer_loop", "forbidden", "founder_breaks_appointer_loop", "yan", yan,
         "member.removed", {"member": loop["m_zed"]})
    _, retired = built["voided_retirement"]
    case("retired_code_before_the_retirement_is_voided", "retired_code", "voided_retirement", "bob", bob,
         "segment.coded", {"document": retired["doc"], "code": retired["honesty"], **span(DOC1, "honest")})
    case("retired_code_merged_before_the_merge_is_voided", "retired_code", "voided_retirement", "bob", bob,
         "segment.coded", {"document": retired["doc"], "code": retired["helpfulness"], **span(DOC1, "helpful")})
    _, rekeyed = built["new_key_withdraws_old_coding"]
    case("not_own_coding_old_key_given_to_another_member", "not_own_coding", "new_key_withdraws_old_coding", "lena",
         carol, "segment.uncoded", {"coding": rekeyed["old_honest"]})
    return cases


# ---------------------------------------------------------------------------
# Checks: the vectors agree with this implementation and with validate.py
# ---------------------------------------------------------------------------

HOUR = 3600 * STEP
ORDERS = 20  # random causal orders folded per scenario


def load_validator():
    """events/validate.py (the context-free rules), imported as a module."""
    spec = importlib.util.spec_from_file_location("accord_validate", os.path.join(HERE, "..", "validate.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, module.load_schemas(module.SCHEMA_DIR)


def context_free(validator, raw):
    """The code validate.py gives a line, or None when it passes."""
    module, schemas = validator
    try:
        module.check_line(raw, schemas)
    except module.Invalid as e:
        return e.code
    return None


def replay(lines, now):
    """A fresh replica receiving `lines` in this order; every one must be admitted."""
    graph = Graph()
    for n, raw in enumerate(lines, 1):
        outcome = graph.receive(json.loads(raw), now)
        assert outcome == "accepted", "line %d: %s" % (n, outcome)
    return graph


def causal_order(events, rng):
    """A random order of `events` in which each follows its prev and deps."""
    placed, order, waiting = set(), [], list(events)
    while waiting:
        ready = [ev for ev in waiting if all(p in placed for p in ev["deps"] + ([ev["prev"]] if ev["prev"] else []))]
        ev = rng.choice(ready)
        waiting.remove(ev)
        placed.add(ev["id"])
        order.append(ev)
    return order


def check_scenario(sc, expected, validator):
    lines = sc.lines()
    now = sc.time + HOUR
    for n, raw in enumerate(lines, 1):
        assert context_free(validator, raw) is None, "%s line %d fails validate.py" % (sc.name, n)
    assert replay(lines, now).state() == expected
    rng = random.Random("accord-" + sc.name)
    for _ in range(ORDERS):
        order = causal_order(sc.events, rng)
        assert replay([canonical(ev) for ev in order], now).state() == expected, sc.name


def check_invalid(cases, bases, validator):
    for name, (base, after, code, data) in cases.items():
        found = context_free(validator, data)
        if code in CONTEXT_FREE:
            assert found == code, "%s: validate.py says %s" % (name, found)
            continue
        assert found is None, "%s: validate.py says %s" % (name, found)
        lines, clock = bases[base]
        graph = replay(lines[:after], clock)
        try:
            graph.receive(json.loads(data), clock)
        except Refused as e:
            assert e.code == code, "%s: refused with %s" % (name, e.code)
        else:
            raise AssertionError("%s: admitted" % name)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, ensure_ascii=False)
        f.write("\n")


def write_lines(path, lines):
    with open(path, "wb") as f:
        for raw in lines:
            assert b"\n" not in raw
            f.write(raw + b"\n")


SCENARIOS_README_HEAD = """\
# Scenarios

Each scenario is one project written on several replicas at once (laptops
offline, copies of one project folder, members who have not yet seen a
removal), then brought together. `NAME.jsonl` holds its events, one canonical
line each, in one causal order (each line after its `prev` and `deps`);
every line is admitted in its own causal past (section 11 of
`../../README.md`). `NAME.expected.json` is the state of a replica holding
all of them (section 12): the shape of `../golden.expected.json`, whose
`voided` lists each voided event as `{"id", "reason", "cause"}` sorted by id,
and whose `forks` lists each (author, seq) held by more than one event as
`{"author", "seq", "ids", "open"}` sorted by author, seq (open until an event
of that author has all of them in its causal past). The reason and cause
follow section 12.3: `removed`, `demoted` or `key_replaced` with the kept cut
that reaches the event (several: removed before demoted before key_replaced,
then the earliest in fold order); `no_authority` with the voided member event
its author's standing rested on, as its own causal past resolves it, or,
when the standing was lost to a cut in its past that its own past voids but
the global resolution keeps, that cut's reason with the cut
(`standing_lost_to_a_cut_its_past_voided`); `voided_reference` with the
voided event it names.

A conformant implementation admits every line, in any causal order, and
reaches exactly the expected state; `../make_vectors.py` checks that its own
implementation does so in the listed order and in 20 random causal orders
per scenario. Times start at 1767225600000000 and grow by one second per line
(`fork_same_time_edits` gives its two renames one shared time). Keys: the
SHA-256 of the seeds in `keys.json`. Every scenario opens with lena's
`project.created`, a document (the golden log's first) and the codes
`values`, `values/helpfulness`, `values/honesty`.

The tables name each line's event, its author, type, and what becomes of it
(the cause named by its label).
"""


def scenarios_readme(built, states):
    out = [SCENARIOS_README_HEAD]
    names = {k.public: n for n, k in SCENARIO_KEYS.items()}
    for make in SCENARIOS:
        sc, ids = built[make.__name__]
        state = states[sc.name]
        label = {v: k for k, v in ids.items()}
        voided = {v["id"]: v for v in state["voided"]}
        out.append("\n## `%s`\n\n%s\n" % (sc.name, sc.about[0].upper() + sc.about[1:]))
        out.append("\n| line | event | author | type | outcome |\n|---|---|---|---|---|\n")
        for n, ev in enumerate(sc.events, 1):
            v = voided.get(ev["id"])
            outcome = "voided `%s` (%s)" % (v["reason"], label.get(v["cause"], v["cause"][:12])) if v else "effective"
            who = names[ev["author"]]
            out.append("| %d | %s | %s | `%s` | %s |\n" % (n, label.get(ev["id"], ev["id"][:12]), who, ev["type"], outcome))
        for f in state["forks"]:
            out.append("\nFork: %s at seq %d (%s), %s.\n" % (
                names[f["author"]], f["seq"], ", ".join(label[i] for i in f["ids"]), "open" if f["open"] else "healed"))
    return "".join(out)


def resigned(log):
    """Second copies of golden events: the same id, another valid signature
    by the same author (its nonce chosen, see ed25519_nonce.py). A replica
    holding either copy keeps the one whose bytes sort first (section 4)."""
    seeds = {k.public: hashlib.sha256(k.seed.encode("utf-8")).digest() for k in (lena, alice, bob, carol, mallory)}
    out = []
    for n in (0, 5, len(log.events) - 1):
        ev = dict(log.events[n])
        ev["sig"] = ed25519_nonce.sign_with_nonce(seeds[ev["author"]], bytes.fromhex(ev["id"]), b"accord-vector-resign").hex()
        assert ev["sig"] != log.events[n]["sig"]
        out.append(canonical(ev))
    return out


def main():
    validator = load_validator()
    log, ids = golden()
    for ev, raw in zip(log.events, log.lines):
        assert json.loads(raw) == ev and b"\n" not in raw
    golden_clock = log.events[-1]["time"] + HOUR
    golden_state = replay(log.lines, golden_clock).state()
    for n, raw in enumerate(log.lines, 1):
        assert context_free(validator, raw) is None, "golden line %d fails validate.py" % n
    write_lines(os.path.join(HERE, "golden.jsonl"), log.lines)
    with open(os.path.join(HERE, "golden.ids.txt"), "w") as f:
        f.write("".join(ev["id"] + "\n" for ev in log.events))
    keys = {"lena": lena, "alice": alice, "bob": bob, "carol": carol, "mallory": mallory}
    write_json(os.path.join(HERE, "golden.keys.json"), {name: {"seed": k.seed, "public": k.public} for name, k in keys.items()})
    write_json(os.path.join(HERE, "golden.expected.json"), golden_state)
    write_lines(os.path.join(HERE, "golden.resigned.jsonl"), resigned(log))

    out = os.path.join(HERE, "scenarios")
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        if old.endswith((".jsonl", ".expected.json")):
            os.remove(os.path.join(out, old))
    built, states = {}, {}
    bases = {"golden.jsonl": (log.lines, golden_clock)}
    for make in SCENARIOS:
        sc, sc_ids = make()
        assert sc.name == make.__name__
        built[sc.name] = (sc, sc_ids)
        states[sc.name] = replay(sc.lines(), sc.time + HOUR).state()
        write_lines(os.path.join(out, sc.name + ".jsonl"), sc.lines())
        write_json(os.path.join(out, sc.name + ".expected.json"), states[sc.name])
        bases["scenarios/%s.jsonl" % sc.name] = (sc.lines(), sc.time + HOUR)
    write_json(os.path.join(out, "keys.json"), {n: {"seed": k.seed, "public": k.public} for n, k in SCENARIO_KEYS.items()})
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write(scenarios_readme(built, states))

    cases = {name: ("golden.jsonl", after, code, data) for name, (after, code, data) in invalid_cases(log, ids).items()}
    for name, code, base, data in scenario_invalid_cases(built):
        base = "scenarios/%s.jsonl" % base
        cases[name] = (base, len(bases[base][0]), code, data)
    out = os.path.join(HERE, "invalid")
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        if old.endswith(".jsonl"):
            os.remove(os.path.join(out, old))
    manifest = {}
    for name, (base, after, code, data) in sorted(cases.items()):
        write_lines(os.path.join(out, name + ".jsonl"), [data])
        manifest[name + ".jsonl"] = {"after": after, "base": base, "code": code, "context_free": code in CONTEXT_FREE}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")

    check_invalid(cases, bases, validator)
    for sc, _ in built.values():
        check_scenario(sc, states[sc.name], validator)
    with open(os.path.join(out, "README.md"), encoding="utf-8") as f:
        described = f.read()
    missing = [n for n in manifest if "`%s`" % n not in described]
    assert not missing, "invalid/README.md does not describe %s" % missing
    print("%d golden events, %d scenarios (%d events), %d rejected cases" % (
        len(log.events), len(built), sum(len(sc.events) for sc, _ in built.values()), len(manifest)), file=sys.stderr)


if __name__ == "__main__":
    main()
