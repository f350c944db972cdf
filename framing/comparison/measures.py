"""Measures (rule ``compare.measure``): where the target stands among its peers on each section's numbers.

Every section of an analysis offers its numbers through ``measures(article)``
(:class:`framing.schema.Measure`: value, label, unit); this module reads them
generically, so a new analyzer's measures appear in the comparison without a
change here. For each measure key: the target's value, the peers' median,
quartiles (linear interpolation, numpy's default) and IQR, the target's
percentile among peers (share of peers below, ties counting half, 0-100), the
ratio to the peers' median, and the same by peer lean. Only peers with
``in_measures`` (at least ``MIN_WORDS`` words, not a headline summary) enter.

Known limits: percentiles among few peers are coarse (with 4 peers a step is 25
points); a measure a peer lacks (None) is left out of that peer's values.
"""

from __future__ import annotations

import math
import statistics
from typing import Any, Iterable, Mapping, Sequence

from framing.comparison.docs import Doc
from framing.comparison.ledger import UNNAMED_KINDS, voice_key  # INTERIM (redesign): only the fallback below uses them
from framing.schema import Measure, Span, merge
from framing.schema.comparison import LeanSpread, MeasureRow, MeasureValue, Spread

LEANS = ("left", "center", "right")

MEASURE_ORDER = ("loaded_per_1000_author", "quoted_share", "sources_distinct", "named_source_share", "anonymous_per_1000",
                 "vague_per_1000", "unattributed_per_1000")
"""Presentation order of the built-in measures (the order reports show); other measures follow in section order."""

# ----------------------------------------------------------------------------- statistics


def _quantile(sorted_vals: Sequence[float], q: float) -> float:
    """Linear-interpolation quantile (numpy's default, 'linear')."""
    n = len(sorted_vals)
    if n == 1:
        return float(sorted_vals[0])
    pos = (n - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, n - 1)
    return float(sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * (pos - lo))


def summarize(values: Iterable[float | None]) -> dict[str, Any]:
    """n, median, q1, q3, iqr, min, max of ``values`` (None entries dropped; all None when there are none)."""
    vals = sorted(float(v) for v in values if v is not None)
    if not vals:
        return {"n": 0, "median": None, "q1": None, "q3": None, "iqr": None, "min": None, "max": None}
    q1, q3 = _quantile(vals, 0.25), _quantile(vals, 0.75)
    return {"n": len(vals), "median": float(statistics.median(vals)), "q1": q1, "q3": q3, "iqr": q3 - q1, "min": vals[0], "max": vals[-1]}


def percentile_of(value: float | None, values: Iterable[float | None]) -> float | None:
    """Share of ``values`` below ``value``, ties counting half, in [0, 100] (None when undefined)."""
    vals = [float(v) for v in values if v is not None]
    if value is None or not vals:
        return None
    below = sum(1 for v in vals if v < value)
    ties = sum(1 for v in vals if v == value)
    return 100.0 * (below + 0.5 * ties) / len(vals)


# ----------------------------------------------------------------------------- INTERIM (redesign): sections without measures()

# INTERIM (redesign): the labels of today's measures, for sections restored without their type (raw JSON dicts).
_INTERIM_LABELS: dict[str, tuple[str, str]] = {
    "loaded_per_1000_author": ("Loaded terms per 1,000 words (author's voice)", "per 1,000 words"),
    "quoted_share": ("Share of words inside direct quotes", "share (0-1)"),
    "sources_distinct": ("Distinct sources quoted or cited", "count"),
    "named_source_share": ("Share of sources that are named", "share (0-1)"),
    "anonymous_per_1000": ("Anonymous sources per 1,000 words", "per 1,000 words"),
    "vague_per_1000": ("Vague attributions per 1,000 words", "per 1,000 words"),
    "unattributed_per_1000": ("Unattributed claims per 1,000 words", "per 1,000 words"),
}


def _interim_values(name: str, doc: Doc) -> dict[str, float | None]:
    """INTERIM (redesign): today's computation for a ``loaded_language`` or ``attribution`` section without ``measures``."""
    sec = doc.section(name)
    words = max(doc.word_count, 1)
    if name == "loaded_language":
        v = (sec or {}).get("per_1000_words_author")
        return {"loaded_per_1000_author": float(v) if isinstance(v, (int, float)) else None}
    if name != "attribution":
        return {}
    if not sec:
        return {k: None for k in MEASURE_ORDER[1:]}
    quoted = merge(Span(s, e) for s, e in doc.direct_quote_spans())
    kinds: dict[str, str] = {}
    for q in sec.get("quotes") or []:
        key = voice_key(q)
        if key:
            kinds.setdefault(key, str(q.get("speaker_kind") or ""))
    return {
        "quoted_share": min(1.0, sum(len(doc.text[s.start:s.end].split()) for s in quoted) / words),
        "sources_distinct": float(len(kinds)),
        "named_source_share": (sum(1 for k in kinds.values() if k not in UNNAMED_KINDS) / len(kinds)) if kinds else None,
        "anonymous_per_1000": 1000.0 * len(sec.get("anonymous_sources") or []) / words,
        "vague_per_1000": 1000.0 * len(sec.get("vague_attributions") or []) / words,
        "unattributed_per_1000": 1000.0 * len(sec.get("unattributed_claims") or []) / words,
    }


def measures_of(doc: Doc) -> dict[str, Measure]:
    """Every measure of every section of ``doc``'s analysis (section order)."""
    out: dict[str, Measure] = {}
    for name, sec in doc.analysis.sections.items():
        if hasattr(sec, "measures"):
            out.update(sec.measures(doc.article))
        else:  # INTERIM (redesign): remove when every section type implements measures()
            for key, value in _interim_values(name, doc).items():
                label, unit = _INTERIM_LABELS[key]
                out[key] = Measure(value, label, unit)
    return out


# ----------------------------------------------------------------------------- the family


def _ordered_keys(all_measures: Iterable[Mapping[str, Measure]]) -> dict[str, Measure]:
    """Measure key -> its first Measure seen, built-in keys first in :data:`MEASURE_ORDER`, then the others as met."""
    seen: dict[str, Measure] = {}
    for ms in all_measures:
        for k, m in ms.items():
            seen.setdefault(k, m)
    first = [k for k in MEASURE_ORDER if k in seen]
    return {k: seen[k] for k in first + [k for k in seen if k not in first]}


def _row(t: float | None, values: list[tuple[Doc, float]], label: str, unit: str) -> MeasureRow:
    nums = [v for _, v in values]
    by_lean = {}
    for lean in LEANS:
        lv = [v for p, v in values if p.lean == lean]
        if lv:
            s = summarize(lv)
            by_lean[lean] = LeanSpread(s["n"], s["median"], s["q1"], s["q3"], percentile_of(t, lv))
    summ = Spread.from_dict(summarize(nums))
    med = summ.median
    return MeasureRow(label, unit, t, summ, percentile_of(t, nums), (t / med) if (t is not None and med) else None, by_lean,
                      tuple(MeasureValue(p.id, p.outlet, p.lean, v) for p, v in values))


def rows(target: Doc, peers: Sequence[Doc]) -> dict[str, MeasureRow]:
    """One :class:`~framing.schema.MeasureRow` per measure key found in the target or the peers that enter the measures."""
    tvals = measures_of(target)
    pvals = [(p, measures_of(p)) for p in peers if p.in_measures]
    out: dict[str, MeasureRow] = {}
    for key, first in _ordered_keys([tvals, *(m for _, m in pvals)]).items():
        values = [(p, v) for p, m in pvals if key in m and (v := m[key].value) is not None]
        t = tvals[key].value if key in tvals else None
        out[key] = _row(t, values, first.label, first.unit)
    return out
