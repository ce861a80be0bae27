#!/usr/bin/env python3
"""Reference values for the Agreement module's tests, computed with the peer libraries.

Regenerate (from the repository root; the virtual environment is git-ignored as .venv*/):

    python3 -m venv .venv-fixtures
    .venv-fixtures/bin/pip install -r scripts/requirements-fixtures.txt
    .venv-fixtures/bin/python scripts/agreement_fixtures.py

It writes Tests/AgreementTests/Fixtures/{categorical,binary_tables,reports,unitizing,reference}.json. The data are
seeded, so a rerun with the pinned library versions gives the same files.

Libraries and what they provide:
- scikit-learn ``cohen_kappa_score``: Cohen's kappa per coder pair (units both rated).
- statsmodels ``cohens_kappa(table).std_kappa``: the Fleiss, Cohen & Everitt (1969) SE; the
  script also computes that SE itself with numpy and checks the two agree.
- statsmodels ``fleiss_kappa(aggregate_raters(...))``: Fleiss' kappa on units every coder rated.
- krippendorff ``alpha(..., level_of_measurement="nominal")``: alpha with missing ratings.
- irrCAC ``CAC(...).gwet()`` / ``.bp()``: Gwet's AC1 and Brennan-Prediger (given the full
  category list, ``digits=15`` so nothing is rounded away).
- Krippendorff's unitizing alpha: ``unitizing_alpha_by_definition``, written from the
  definitions in Krippendorff (1995) as DKPro Statistics' ``KrippendorffAlphaUnitizingAgreement``
  states them (every pair of sections compared, the expected disagreement summed in exact
  rational arithmetic), over several documents whose gaps end at document boundaries; on a
  single document it is checked against a line-by-line port of DKPro's Java
  (``dkpro_unitizing_alpha``), and on Krippendorff's (1995, 2004) published examples.
- Agreement against a reference (the consensus): the reference is one more rater in the
  scikit-learn / statsmodels / krippendorff calls above, on the units it rated.

Ratings are stored compactly: one string per coder, one character per unit, the category as a
base-36 digit (0-9, a-z), "." for a missing rating.
"""

import json
import math
from fractions import Fraction
import os
import random
import warnings

import numpy as np
import pandas as pd
import krippendorff
from irrCAC.raw import CAC
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa

warnings.filterwarnings("ignore")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "AgreementTests", "Fixtures")
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def num(x):
    """JSON number or null (never NaN)."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


# ---------------------------------------------------------------------------------------------
# Statistics helpers


def fce_se(table):
    """Fleiss, Cohen & Everitt (1969) large-sample SE of kappa (under the alternative)."""
    t = np.asarray(table, dtype=float)
    n = t.sum()
    p = t / n
    row = p.sum(axis=1)
    col = p.sum(axis=0)
    po = np.trace(p)
    pe = float((row * col).sum())
    if pe >= 1:
        return None, None
    k = (po - pe) / (1 - pe)
    q = t.shape[0]
    a = float((np.diag(p) * (1 - (row + col) * (1 - k)) ** 2).sum())
    b = 0.0
    for i in range(q):
        for j in range(q):
            if i != j:
                b += p[i, j] * (col[i] + row[j]) ** 2
    b *= (1 - k) ** 2
    c = (k - pe * (1 - k)) ** 2
    var = (a + b - c) / ((1 - pe) ** 2 * n)
    # A rater who put every unit in one category makes kappa exactly 0 and the variance exactly
    # 0; rounding leaves a residue of +-1e-17 (whose square root, ~1e-9, means nothing).
    degenerate = bool((t.sum(axis=1) == n).any() or (t.sum(axis=0) == n).any())
    se = 0.0 if degenerate else math.sqrt(max(var, 0.0))
    # Cross-check against statsmodels' std_kappa, which is the same SE.
    # (statsmodels takes the square root of a variance that rounding made slightly negative and
    # returns NaN where the exact variance is 0; SAS and this script report 0 there.)
    sm = cohens_kappa(t)
    assert abs(sm.kappa - k) <= 1e-12 * max(1, abs(k)), (sm.kappa, k)
    if math.isnan(sm.std_kappa) or degenerate:
        assert abs(var) < 1e-15, var
    else:
        assert abs(sm.std_kappa - se) <= 1e-12 * max(1, se), (sm.std_kappa, se)
    return k, se


def sk_kappa(y1, y2, q):
    if len(y1) == 0:
        return None
    return num(cohen_kappa_score(y1, y2, labels=list(range(q))))


def irr(df, q, method):
    if len(df) == 0:
        return None
    cac = CAC(df.copy(), categories=list(range(q)), digits=15)
    try:
        return num(getattr(cac, method)()["est"]["coefficient_value"])
    except ZeroDivisionError:
        return None


def fleiss_complete(data, q):
    """statsmodels Fleiss on units (rows) every coder rated; data: units x coders, NaN missing."""
    complete = data[~np.isnan(data).any(axis=1)]
    if complete.shape[0] == 0 or complete.shape[1] < 2:
        return None
    table, _ = aggregate_raters(complete.astype(int), n_cat=q)
    return num(fleiss_kappa(table, method="fleiss"))


def kripp(data_coders_units, q):
    """krippendorff.alpha nominal; data: coders x units, NaN missing."""
    try:
        return num(
            krippendorff.alpha(
                reliability_data=data_coders_units,
                level_of_measurement="nominal",
                value_domain=list(range(q)),
            )
        )
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Categorical cases: units x coders with missing ratings


def encode_ratings(data):
    return ["".join("." if np.isnan(v) else DIGITS[int(v)] for v in data[:, r]) for r in range(data.shape[1])]


def make_ratings(rng, n, coders, q, missing, skew, accuracy):
    if skew:
        weights = np.geomspace(1.0, 0.01, q)
    else:
        weights = rng.dirichlet(np.full(q, 2.0))
    p = weights / weights.sum()
    truth = rng.choice(q, size=n, p=p)
    data = np.empty((n, coders))
    for r in range(coders):
        acc = accuracy[r % len(accuracy)]
        keep = rng.random(n) < acc
        noise = rng.choice(q, size=n, p=p)
        values = np.where(keep, truth, noise).astype(float)
        values[rng.random(n) < missing] = np.nan
        data[:, r] = values
    return data


def categorical_expected(data, q):
    n, coders = data.shape
    pairs = []
    for i in range(coders):
        for j in range(i + 1, coders):
            both = ~np.isnan(data[:, i]) & ~np.isnan(data[:, j])
            y1 = data[both, i].astype(int)
            y2 = data[both, j].astype(int)
            entry = {"coders": [i, j], "n": int(both.sum())}
            entry["kappa"] = sk_kappa(y1, y2, q)
            if both.sum() > 0:
                table = np.zeros((q, q))
                for a, b in zip(y1, y2):
                    table[a, b] += 1
                k, se = fce_se(table)
                if entry["kappa"] is not None:
                    assert abs(k - entry["kappa"]) < 1e-12, (k, entry["kappa"])
                entry["se"] = num(se) if entry["kappa"] is not None else None
                entry["percent_agreement"] = float(np.trace(table) / table.sum() * 100)
                pair_df = pd.DataFrame({"a": y1, "b": y2})
                entry["gwet_ac1"] = irr(pair_df, q, "gwet")
                entry["brennan_prediger"] = irr(pair_df, q, "bp")
            else:
                entry["se"] = None
                entry["percent_agreement"] = None
                entry["gwet_ac1"] = None
                entry["brennan_prediger"] = None
            pairs.append(entry)
    df = pd.DataFrame(data)
    rated = df.dropna(how="all")
    return {
        "pairs": pairs,
        "fleiss_kappa": fleiss_complete(data, q),
        "krippendorff_alpha": kripp(data.T, q),
        "gwet_ac1": irr(rated, q, "gwet") if (rated.notna().sum(axis=1) >= 2).any() else None,
        "brennan_prediger": irr(rated, q, "bp") if (rated.notna().sum(axis=1) >= 2).any() else None,
    }


def categorical_cases(rng):
    specs = [
        # name, units, coders, categories, missing, skew
        ("tiny-binary", 10, 2, 2, 0.0, False),
        ("small-binary-skewed", 40, 2, 2, 0.0, True),
        ("small-3coders", 25, 3, 3, 0.1, False),
        ("small-5coders-missing", 60, 5, 4, 0.3, False),
        ("q30-small", 80, 2, 30, 0.0, False),
        ("q30-4coders", 150, 4, 30, 0.15, True),
        ("q7-3coders", 120, 3, 7, 0.05, True),
        ("q12-5coders", 300, 5, 12, 0.2, False),
        ("binary-4coders-skewed", 500, 4, 2, 0.1, True),
        ("q5-2coders", 1000, 2, 5, 0.0, False),
        ("q3-3coders-missing", 2000, 3, 3, 0.25, False),
        ("q20-2coders-skewed", 5000, 2, 20, 0.05, True),
        ("q4-5coders", 5000, 5, 4, 0.1, False),
        ("large-binary", 100000, 2, 2, 0.0, True),
        ("large-q3-3coders", 100000, 3, 3, 0.1, False),
        ("large-q10-5coders", 30000, 5, 10, 0.2, True),
        ("large-q30-2coders", 100000, 2, 30, 0.02, False),
    ]
    cases = []
    for name, n, coders, q, missing, skew in specs:
        accuracy = [0.95, 0.85, 0.7, 0.9, 0.6][:coders]
        data = make_ratings(rng, n, coders, q, missing, skew, accuracy)
        cases.append({"name": name, "categories": q, "ratings": encode_ratings(data),
                      "expected": categorical_expected(data, q)})
    # Degenerate: two coders who both always say "0" (kappa, Fleiss and alpha undefined).
    data = np.zeros((12, 2))
    cases.append({"name": "degenerate-constant", "categories": 2, "ratings": encode_ratings(data),
                  "expected": categorical_expected(data, 2)})
    # Degenerate: one coder constant, the other not (kappa = 0, defined).
    data = np.zeros((12, 2))
    data[::3, 1] = 1
    cases.append({"name": "one-coder-constant", "categories": 2, "ratings": encode_ratings(data),
                  "expected": categorical_expected(data, 2)})
    # Pair with no unit rated by both.
    data = np.full((6, 3), np.nan)
    data[:3, 0] = [0, 1, 1]
    data[3:, 1] = [1, 0, 0]
    data[:, 2] = [0, 1, 1, 1, 0, 1]
    cases.append({"name": "disjoint-pair", "categories": 2, "ratings": encode_ratings(data),
                  "expected": categorical_expected(data, 2)})
    return cases


# ---------------------------------------------------------------------------------------------
# Binary 2x2 tables


def binary_expected(a, b, c, d):
    y1 = np.array([1] * a + [1] * b + [0] * c + [0] * d)
    y2 = np.array([1] * a + [0] * b + [1] * c + [0] * d)
    n = a + b + c + d
    kappa = sk_kappa(y1, y2, 2)
    k, se = fce_se([[a, b], [c, d]])
    if kappa is not None:
        assert abs(kappa - k) < 1e-12
    df = pd.DataFrame({"a": y1, "b": y2})
    po = (a + d) / n
    return {
        "kappa": kappa,
        "se": num(se) if kappa is not None else None,
        "ci95": [kappa - 1.959963984540054 * se, kappa + 1.959963984540054 * se] if kappa is not None else None,
        "percent_agreement": po * 100,
        "pabak": 2 * po - 1,
        "brennan_prediger": irr(df, 2, "bp"),
        "gwet_ac1": irr(df, 2, "gwet"),
    }


def binary_cases(rng):
    tables = [
        (20, 5, 10, 15), (45, 15, 25, 15), (25, 35, 5, 35), (1, 0, 0, 99), (0, 3, 0, 3), (3, 0, 0, 0) ,
        (0, 0, 0, 7), (5, 5, 5, 5), (0, 10, 10, 0), (88, 10, 14, 40), (58, 4, 12, 31),
    ]
    for _ in range(30):
        scale = int(10 ** rng.uniform(1, 5))
        prevalence = rng.uniform(0.001, 0.6)
        agreement = rng.uniform(0.3, 0.99)
        both = int(rng.binomial(scale, prevalence * agreement))
        only1 = int(rng.binomial(scale, prevalence * (1 - agreement)))
        only2 = int(rng.binomial(scale, prevalence * (1 - agreement) * rng.uniform(0.2, 2) / 1.2))
        neither = max(0, scale - both - only1 - only2)
        tables.append((both, only1, only2, neither))
    cases = []
    for t in tables:
        if sum(t) == 0:
            continue
        cases.append({"table": list(t), "expected": binary_expected(*t)})
    return cases


# ---------------------------------------------------------------------------------------------
# End-to-end reports: documents, codings -> what computeAgreement must report


WORDS = ("the data model values users safety privacy team report policy Straße naïve café "
         "日本語 données 😀 ĳssel Ωmega reliability coding agreement training").split()


def make_text(prng, paragraphs):
    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(prng.randint(1, 4)):
            words = [prng.choice(WORDS) for _ in range(prng.randint(3, 12))]
            sentences.append(" ".join(words).capitalize() + ".")
        text = " ".join(sentences)
        if prng.random() < 0.3:
            text = "  " + text  # indentation, trimmed by the paragraph splitter
        out.append(text)
    seps = ["\n\n", "\n\n\n", "\n \n", "\n\t\n\n"]
    result = out[0]
    for p in out[1:]:
        result += prng.choice(seps) + p
    if prng.random() < 0.5:
        result += "\n"
    return result


def paragraphs(text):
    """Port of Paragraphs.ranges(in:): maximal runs of non-blank lines, trimmed."""
    result = []
    start = None
    end = 0
    offset = 0
    for line in text.split("\n"):
        stripped = [i for i, ch in enumerate(line) if not ch.isspace()]
        if stripped:
            if start is None:
                start = offset + stripped[0]
            end = offset + stripped[-1] + 1
        elif start is not None:
            result.append((start, end))
            start = None
        offset += len(line) + 1
    if start is not None:
        result.append((start, end))
    return result


def make_report_case(seed, n_docs, coders, codes):
    prng = random.Random(seed)
    documents = []
    for d in range(n_docs):
        documents.append({"id": f"doc{d}", "title": f"Document {d}", "text": make_text(prng, prng.randint(2, 8))})
    codings = []
    for code in codes:
        for doc in documents:
            length = len(doc["text"])
            for _ in range(prng.randint(0, 4)):
                s = prng.randrange(0, length)
                e = min(length, s + prng.randint(1, 120))
                for coder in coders:
                    if prng.random() < 0.75:
                        js = max(0, s + prng.randint(-6, 6))
                        je = min(length, max(js + 1, e + prng.randint(-6, 6)))
                        codings.append({"coder": coder, "document": doc["id"], "code": code["id"],
                                        "start": js, "end": je})
                        if prng.random() < 0.1:  # an overlapping second coding of the same code
                            codings.append({"coder": coder, "document": doc["id"], "code": code["id"],
                                            "start": js + (je - js) // 2, "end": min(length, je + 10)})
            if prng.random() < 0.3:  # a coding only one coder made
                s = prng.randrange(0, length)
                codings.append({"coder": prng.choice(coders), "document": doc["id"], "code": code["id"],
                                "start": s, "end": min(length, s + prng.randint(1, 40))})
    # A few invalid codings that must be ignored.
    codings.append({"coder": "nobody", "document": "doc0", "code": codes[0]["id"], "start": 0, "end": 3})
    codings.append({"coder": coders[0], "document": "doc0", "code": codes[0]["id"], "start": 5, "end": 5})
    return {"documents": documents, "coders": coders, "codes": codes, "codings": codings}


def dkpro_unitizing_alpha(units_per_rater, L):
    """Line-by-line port of DKPro's KrippendorffAlphaUnitizingAgreement for one category."""
    R = len(units_per_rater)
    all_units = []  # (offset, length, rater) sorted as DKPro's TreeSet (offset, length, rater)
    for r, units in enumerate(units_per_rater):
        for (s, e) in units:
            all_units.append((s, e - s, r))
    all_units.sort()
    if not all_units:
        return None

    def measure(o1, l1, c1, o2, l2, c2):
        bd = o1 - o2
        ld = l1 - l2
        if c1 and c2 and -l1 < bd < l2:
            return bd * bd + (bd + ld) * (bd + ld)
        if c1 and not c2 and -ld >= bd and bd >= 0:
            return l1 * l1
        if not c1 and c2 and -ld <= bd and bd <= 0:
            return l2 * l2
        return 0

    def units_of(r):
        return [u for u in all_units if u[2] == r]

    result = 0.0
    for r1 in range(R):
        for r2 in range(r1 + 1, R):
            u1 = iter(units_of(r1))
            u2 = iter(units_of(r2))
            n1 = next(u1, None)
            n2 = next(u2, None)
            off1, len1, off2, len2 = 0, 0, 0, 0
            c1 = c2 = False
            pos = 0
            while pos < L and (n1 is not None or n2 is not None):
                if pos == off1 + len1:
                    if n1 is not None and pos == n1[0]:
                        len1 = n1[1]
                        c1 = True
                        n1 = next(u1, None)
                    else:
                        len1 = (n1[0] if n1 is not None else L) - pos
                        c1 = False
                    off1 = pos
                if pos == off2 + len2:
                    if n2 is not None and pos == n2[0]:
                        len2 = n2[1]
                        c2 = True
                        n2 = next(u2, None)
                    else:
                        len2 = (n2[0] if n2 is not None else L) - pos
                        c2 = False
                    off2 = pos
                result += measure(off1, len1, c1, off2, len2, c2)
                pos = min(off1 + len1, off2 + len2)
    d_o = result * 2.0 / (R * (R - 1) * L * L)

    nc = len(all_units)
    squared = sum(l * (l - 1) for (_, l, _) in all_units)
    gaps = []
    for r in range(R):
        it = iter(units_of(r))
        nxt = next(it, None)
        offset, length, pos = 0, 0, 0
        while pos < L:
            if pos == offset + length:
                if nxt is not None and pos == nxt[0]:
                    length = nxt[1]
                    nxt = next(it, None)
                else:
                    length = (nxt[0] if nxt is not None else L) - pos
                    gaps.append(length)
                offset = pos
            pos = offset + length
    gaps.sort(reverse=True)
    total = 0.0
    for (_, l, _) in all_units:
        s1 = (nc - 1.0) * (2.0 * l * l * l - 3.0 * l * l + l) / 3.0
        s2 = 0
        for g in gaps:
            if g >= l:
                s2 += g - l + 1
            else:
                break
        total += s1 + s2 * l * l
    d_e = total * (2.0 / L) / (R * L * (R * L - 1) - squared)
    if d_e == 0:
        return None
    return 1.0 - d_o / d_e


def merge_overlapping(spans):
    spans = sorted((s, e) for s, e in spans if e > s)
    out = []
    for s, e in spans:
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def sections(units, length):
    """A coder's sections of one document: (begin, end, is_unit), tiling [0, length)."""
    out = []
    pos = 0
    for (b, e) in units:
        if b > pos:
            out.append((pos, b, False))
        out.append((b, e, True))
        pos = e
    if pos < length:
        out.append((pos, length, False))
    return out


def delta(g, h):
    """Krippendorff's (1995) difference of two sections of two coders (DKPro measureDistance):
    two overlapping units differ by their squared boundary shifts, a unit lying wholly inside
    the other coder's gap by its squared length, anything else by 0."""
    (gb, ge, gu), (hb, he, hu) = g, h
    if gu and hu:
        if gb < he and hb < ge:
            return (gb - hb) ** 2 + (ge - he) ** 2
        return 0
    if gu and not hu:
        return (ge - gb) ** 2 if hb <= gb and ge <= he else 0
    if hu and not gu:
        return (he - hb) ** 2 if gb <= hb and he <= ge else 0
    return 0


def unitizing_alpha_by_definition(units, lengths):
    """alpha_U of one category. units[r][d]: coder r's (begin, end) units in document d; a
    coder's overlapping units are merged first, and gaps end at document boundaries.

    Returns (alpha, D_o, D_e) as floats, alpha None when undefined. Every pair of sections is
    compared (no sweep), and D_e's sums are exact fractions."""
    R = len(units)
    L = sum(lengths)
    if R < 2 or L == 0:
        return None, 0.0, 0.0
    units = [[merge_overlapping([(max(0, b), min(lengths[d], e)) for (b, e) in per_doc[d]])
              for d in range(len(lengths))] for per_doc in units]
    secs = [[sections(units[r][d], lengths[d]) for d in range(len(lengths))] for r in range(R)]
    # Observed: sum over ordered pairs of coders (i != j) of every pair of sections of a document.
    total = 0
    for i in range(R):
        for j in range(R):
            if i == j:
                continue
            for d in range(len(lengths)):
                for g in secs[i][d]:
                    for h in secs[j][d]:
                        total += delta(g, h)
    d_o = Fraction(total, R * (R - 1) * L * L)
    # Expected: every unit against every placement, from all units and all gaps.
    lens = [e - b for r in range(R) for d in range(len(lengths)) for (b, e) in units[r][d]]
    gaps = [e - b for r in range(R) for d in range(len(lengths)) for (b, e, u) in secs[r][d] if not u]
    nc = len(lens)
    if nc == 0:
        return None, float(d_o), 0.0
    num = Fraction(0)
    for l in lens:
        num += Fraction((nc - 1) * (2 * l ** 3 - 3 * l ** 2 + l), 3)
        num += l * l * sum(g - l + 1 for g in gaps if g >= l)
    den = R * L * (R * L - 1) - sum(l * (l - 1) for l in lens)
    d_e = num * Fraction(2, L) / den
    if d_e == 0:
        return None, float(d_o), 0.0
    return float(1 - d_o / d_e), float(d_o), float(d_e)


def unitizing_cases():
    """Random multi-document studies, plus their documents in reverse order."""
    prng = random.Random(1995)
    cases = []
    specs = [(2, 1), (2, 3), (3, 4), (4, 6), (2, 8), (3, 2), (5, 5)]
    for n, (coders, docs) in enumerate(specs):
        lengths = [prng.randint(0 if k == docs - 1 else 20, 300) for k in range(docs)]
        units = []
        for r in range(coders):
            per_doc = []
            for d in range(docs):
                spans = []
                for _ in range(prng.randint(0, 6)):
                    if lengths[d] == 0:
                        break
                    b = prng.randrange(0, lengths[d])
                    e = min(lengths[d], b + prng.randint(1, 60))
                    spans.append((b, e))
                per_doc.append(spans)
            units.append(per_doc)
        alpha, d_o, d_e = unitizing_alpha_by_definition(units, lengths)
        if docs == 1:
            port = dkpro_unitizing_alpha([merge_overlapping(u[0]) for u in units], lengths[0])
            assert (port is None and alpha is None) or abs(port - alpha) < 1e-12, (port, alpha)
        rev = unitizing_alpha_by_definition([list(reversed(u)) for u in units], list(reversed(lengths)))
        assert rev[0] == alpha or abs(rev[0] - alpha) < 1e-15
        cases.append({"name": f"random-{n}", "lengths": lengths,
                      "units": [[[list(x) for x in spans] for spans in per_doc] for per_doc in units],
                      "expected": {"alpha": num(alpha), "observed": d_o, "expected": d_e}})
    # Krippendorff (2004, p. 254) as DKPro's Krippendorff2004Test sets it up: continuum
    # [150, 450), category c; the published (DKPro-checked) values are D_o 0.0144,
    # D_e 0.0532, alpha 0.7286. Offsets shifted by -150.
    k2004 = [[[(75, 145), (220, 250)]], [[(70, 150), (205, 225), (250, 270)]]]
    alpha, d_o, d_e = unitizing_alpha_by_definition(k2004, [300])
    assert abs(alpha - 0.7286) < 1e-4 and abs(d_o - 0.0144) < 1e-4 and abs(d_e - 0.0532) < 1e-4, (alpha, d_o, d_e)
    return cases


def report_expected(case, scheme):
    docs = case["documents"]
    coders = case["coders"]
    codes = case["codes"]
    R = len(coders)
    lens = [len(d["text"]) for d in docs]
    base = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(int)
    doc_index = {d["id"]: i for i, d in enumerate(docs)}
    coder_index = {c: i for i, c in enumerate(coders)}
    code_index = {c["id"]: i for i, c in enumerate(codes)}
    valid = []
    for cd in case["codings"]:
        if cd["coder"] not in coder_index or cd["document"] not in doc_index or cd["code"] not in code_index:
            continue
        d = doc_index[cd["document"]]
        s, e = max(0, cd["start"]), min(lens[d], cd["end"])
        if s < e:
            valid.append((code_index[cd["code"]], coder_index[cd["coder"]], d, s, e))

    if scheme == "character":
        N = int(sum(lens))
        def covers(d, s, e):
            return range(base[d] + s, base[d] + e)
        def within(d, s, e):
            return range(base[d] + s, base[d] + e)
    elif scheme == "document":
        N = len(docs)
        def covers(d, s, e):
            return [d]
        def within(d, s, e):
            return [d] if s <= 0 and lens[d] <= e else []
    else:  # paragraph
        units = []
        for d, doc in enumerate(docs):
            units += [(d, ps, pe) for (ps, pe) in paragraphs(doc["text"])]
        N = len(units)
        def covers(d, s, e):
            return [u for u, (ud, ps, pe) in enumerate(units) if ud == d and s < pe and e > ps]
        def within(d, s, e):
            return [u for u, (ud, ps, pe) in enumerate(units) if ud == d and s <= ps and pe <= e]

    pres = np.zeros((len(codes), R, N), dtype=bool)
    for (c, r, d, s, e) in valid:
        for u in covers(d, s, e):
            pres[c, r, u] = True

    # Against a reference: it rates the units a decision covers entirely, present where a
    # covering decision lists the code; it joins the raters, and only rated units count.
    reference = case.get("reference")
    pair_list = [(i, j) for i in range(R) for j in range(i + 1, R)]
    total_units = N
    ignored_decisions = 0
    if reference is not None:
        rated = np.zeros(N, dtype=bool)
        ref = np.zeros((len(codes), N), dtype=bool)
        for dec in reference["decisions"]:
            if dec["document"] not in doc_index:
                ignored_decisions += 1
                continue
            d = doc_index[dec["document"]]
            s, e = max(0, dec["start"]), min(lens[d], dec["end"])
            if s >= e:
                ignored_decisions += 1
                continue
            for u in within(d, s, e):
                rated[u] = True
                for code_id in dec["codes"]:
                    if code_id in code_index:
                        ref[code_index[code_id], u] = True
        pres = np.concatenate([pres[:, :, rated], ref[:, None, rated]], axis=1)
        N = int(rated.sum())
        pair_list = [(i, R) for i in range(R)]
        R = R + 1

    out_codes = []
    tables = []
    all_kappas = []
    for c, code in enumerate(codes):
        pairs = []
        code_tables = []
        for (i, j) in pair_list:
            y1 = pres[c, i].astype(int)
            y2 = pres[c, j].astype(int)
            a = int((y1 & y2).sum()); b = int((y1 & ~y2 & 1).sum())
            cc = int((~y1 & 1 & y2).sum()); dd = N - a - b - cc
            code_tables.append((a, b, cc, dd))
            kappa = sk_kappa(y1, y2, 2) if N > 0 else None
            se = fce_se([[a, b], [cc, dd]])[1] if kappa is not None else None
            if kappa is not None:
                all_kappas.append(kappa)
            pairs.append({"both": a, "only_first": b, "only_second": cc, "neither": dd,
                          "kappa": kappa, "kappa_se": num(se)})
        tables.append(code_tables)
        k = pres[c].sum(axis=0)
        counts = np.stack([k, R - k], axis=1)  # category 0 = present
        fk = num(fleiss_kappa(counts, method="fleiss")) if N > 0 else None
        alpha = kripp(pres[c].astype(float), 2) if N > 0 else None
        if reference is None:
            spans = [[[(s, e) for (cc_, r_, d_, s, e) in valid if cc_ == c and r_ == r and d_ == d]
                      for d in range(len(docs))] for r in range(R)]
            ua = unitizing_alpha_by_definition(spans, lens)[0]
        else:
            ua = None  # not computed against a reference
        n_coders = R - 1 if reference is not None else R
        entry = {"id": code["id"], "pairs": pairs, "fleiss_kappa": fk, "krippendorff_alpha": alpha,
                 "unitizing_alpha": num(ua), "present": [int(pres[c, r].sum()) for r in range(n_coders)]}
        if reference is not None:
            entry["reference_present"] = int(pres[c, R - 1].sum())
        out_codes.append(entry)

    pooled = []
    for p in range(len(pair_list)):
        t = np.array([tables[c][p] for c in range(len(codes))]).sum(axis=0)
        k, _ = fce_se([[t[0], t[1]], [t[2], t[3]]]) if t.sum() > 0 else (None, None)
        pooled.append((k, (t[0] + t[3]) / t.sum() * 100 if t.sum() > 0 else None))
    ks = [k for k, _ in pooled if k is not None]
    overall = {
        "pooled_kappa": float(np.mean(ks)) if ks else None,
        "mean_kappa": float(np.mean(all_kappas)) if all_kappas else None,
        "percent_agreement": float(np.mean([x for _, x in pooled if x is not None])) if any(x is not None for _, x in pooled) else None,
        "krippendorff_alpha": kripp(np.concatenate([pres[c].astype(float) for c in range(len(codes))], axis=1), 2),
    }

    groups = []
    order = []
    for code in codes:
        if code.get("group") and code["group"] not in order:
            order.append(code["group"])
    for g in order:
        cats = [i for i, code in enumerate(codes) if code.get("group") == g]
        q = len(cats)
        values = np.full((N, R), np.nan)
        multi = np.zeros(N, dtype=bool)
        for r in range(R):
            m = pres[cats, r, :]  # q x N
            count = m.sum(axis=0)
            values[count == 1, r] = np.argmax(m[:, count == 1], axis=0)
            multi |= count >= 2
        kept = values[~multi]
        gp = []
        for (i, j) in pair_list:
            both = ~np.isnan(kept[:, i]) & ~np.isnan(kept[:, j])
            y1 = kept[both, i].astype(int); y2 = kept[both, j].astype(int)
            conf = [[int(((y1 == a) & (y2 == b)).sum()) for b in range(q)] for a in range(q)]
            gp.append({"n": int(both.sum()), "kappa": sk_kappa(y1, y2, q), "confusion": conf})
        groups.append({
            "group": g, "pairs": gp, "fleiss_kappa": fleiss_complete(kept, q),
            "krippendorff_alpha": kripp(kept.T, q) if (np.sum(~np.isnan(kept), axis=1) >= 2).any() else None,
            "multi_coded_units": int(multi.sum()),
        })
    result = {"units": N, "ignored": len(case["codings"]) - len(valid), "codes": out_codes, "overall": overall,
              "groups": groups}
    if reference is not None:
        result["undecided"] = total_units - N
        result["ignored_decisions"] = ignored_decisions
    return result


def report_cases():
    codes = [
        {"id": "c-help", "path": "values/helpfulness", "group": None},
        {"id": "c-harm", "path": "values/harmlessness", "group": None},
        {"id": "c-pro", "path": "stance/pro", "group": "stance"},
        {"id": "c-con", "path": "stance/con", "group": "stance"},
        {"id": "c-neutral", "path": "stance/neutral", "group": "stance"},
    ]
    cases = []
    for seed, n_docs, coders in [(7, 4, ["alice", "bob"]), (11, 6, ["alice", "bob", "carol"]),
                                 (23, 3, ["ann", "ben", "cat", "dan"])]:
        case = make_report_case(seed, n_docs, coders, codes)
        case["name"] = f"report-seed{seed}"
        case["expected"] = {s: report_expected(case, s) for s in ("document", "paragraph", "character")}
        cases.append(case)
    return cases


def reference_cases():
    """Report cases with a reference rater (the consensus): decisions on whole paragraphs, on
    whole documents and on arbitrary spans, some codes the coders used and some not."""
    codes = [
        {"id": "c-help", "path": "values/helpfulness", "group": None},
        {"id": "c-harm", "path": "values/harmlessness", "group": None},
        {"id": "c-pro", "path": "stance/pro", "group": "stance"},
        {"id": "c-con", "path": "stance/con", "group": "stance"},
    ]
    cases = []
    for seed, n_docs, coders in [(31, 4, ["alice", "bob"]), (37, 5, ["alice", "bob", "carol"])]:
        case = make_report_case(seed, n_docs, coders, codes)
        prng = random.Random(seed + 1000)
        decisions = []
        for doc in case["documents"]:
            text = doc["text"]
            for (ps, pe) in paragraphs(text):
                if prng.random() < 0.35:
                    continue  # undecided
                used = {cd["code"] for cd in case["codings"]
                        if cd["document"] == doc["id"] and cd["start"] < pe and cd["end"] > ps}
                chosen = sorted(c for c in used if prng.random() < 0.75)
                if prng.random() < 0.15:
                    chosen.append(prng.choice(codes)["id"])
                s, e = ps, pe
                if prng.random() < 0.2:
                    s, e = max(0, ps - 1), min(len(text), pe + 2)  # a little wider still covers it
                decisions.append({"document": doc["id"], "start": s, "end": e, "codes": sorted(set(chosen))})
            if prng.random() < 0.5:
                decisions.append({"document": doc["id"], "start": 0, "end": len(text),
                                  "codes": sorted({c["id"] for c in codes if prng.random() < 0.5})})
            if prng.random() < 0.5:
                s = prng.randrange(0, len(text))
                decisions.append({"document": doc["id"], "start": s, "end": min(len(text), s + prng.randint(1, 30)),
                                  "codes": [prng.choice(codes)["id"]]})
        decisions.append({"document": "nowhere", "start": 0, "end": 3, "codes": [codes[0]["id"]]})
        decisions.append({"document": case["documents"][0]["id"], "start": 4, "end": 4, "codes": []})
        case["reference"] = {"name": "consensus", "decisions": decisions}
        case["name"] = f"reference-seed{seed}"
        case["expected"] = {s: report_expected(case, s) for s in ("document", "paragraph", "character")}
        cases.append(case)
    return cases


def write(name, payload):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(payload, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes)")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240611)
    write("categorical.json", {"generator": "scripts/agreement_fixtures.py", "cases": categorical_cases(rng)})
    write("binary_tables.json", {"generator": "scripts/agreement_fixtures.py", "cases": binary_cases(rng)})
    write("reports.json", {"generator": "scripts/agreement_fixtures.py", "cases": report_cases()})
    write("unitizing.json", {"generator": "scripts/agreement_fixtures.py", "cases": unitizing_cases()})
    write("reference.json", {"generator": "scripts/agreement_fixtures.py", "cases": reference_cases()})


if __name__ == "__main__":
    main()
