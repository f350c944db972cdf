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
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from framing.comparison.docs import Doc
from framing.schema import Measure
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


def measures_of(doc: Doc) -> dict[str, Measure]:
    """Every measure of every section of ``doc``'s analysis (section order)."""
    out: dict[str, Measure] = {}
    for sec in doc.analysis.sections.values():
        out.update(sec.measures(doc.article))
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
