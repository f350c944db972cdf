"""Spans, evidence and scores: the currency every finding is paid in.

Every finding is a half-open character range ``[start, end)`` into
:attr:`framing.schema.Article.text`. :func:`overlap` and :func:`merge` are the one
implementation of span arithmetic in framing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from framing.schema.errors import SchemaError


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise SchemaError(f"span offsets must be integers, got {self.start!r}, {self.end!r}")
        if self.start < 0 or self.end < self.start:
            raise SchemaError(f"span [{self.start}, {self.end}) is not a valid range")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of text that contributed to a score.

    ``quote`` must equal ``article.text[span.start:span.end]``; ``rule`` is a
    stable id such as ``lexicon:loaded_terms@1.0.0`` or
    ``rule:attribution.agentless_passive``; ``weight`` is the signed
    contribution to the :class:`Score` that owns it.
    """

    span: Span
    quote: str
    rule: str
    weight: float
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.span.start,
            "end": self.span.end,
            "quote": self.quote,
            "rule": self.rule,
            "weight": self.weight,
            "detail": self.detail,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        return cls(Span(int(d["start"]), int(d["end"])), d["quote"], d["rule"], float(d["weight"]), d.get("detail", ""))


@dataclass(frozen=True, slots=True)
class Score:
    """A value with the evidence behind it.

    ``method`` names how ``value`` follows from the evidence weights, so a test
    (or a sceptical reader) can recompute it:

    * ``sum`` — value is the sum of the weights;
    * ``mean`` — the mean of the weights (0 when there are none);
    * ``clipped_sum`` — the sum clipped to [-1, 1];
    * ``tanh_sum`` — tanh of the sum;
    * ``weighted_mean`` — each weight counted by its own strength, sum(w·|w|) / sum(|w|) (0 when there are none);
    * ``model`` — a model output; the weights are feature contributions.
    """

    value: float
    method: str
    evidence: tuple[Evidence, ...] = ()
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "method": self.method,
            "label": self.label,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Score:
        return cls(float(d["value"]), d["method"], tuple(Evidence.from_dict(e) for e in d.get("evidence", ())), d.get("label", ""))


def recompute(method: str, weights: Iterable[float]) -> float:
    """Recompute a :class:`Score` value from its evidence weights (see ``Score.method``)."""
    w = list(weights)
    if method == "sum":
        return float(sum(w))
    if method == "mean":
        return float(sum(w) / len(w)) if w else 0.0
    if method == "clipped_sum":
        return float(max(-1.0, min(1.0, sum(w))))
    if method == "tanh_sum":
        return float(math.tanh(sum(w)))
    if method == "weighted_mean":  # each weight counts by its own strength: sum(w * |w|) / sum(|w|)
        den = sum(abs(x) for x in w)
        return float(sum(x * abs(x) for x in w) / den) if den else 0.0
    raise ValueError(f"method {method!r} cannot be recomputed from weights alone")




def overlap(a: Span, b: Span) -> int:
    """Number of characters ``a`` and ``b`` share (0 when they are disjoint)."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def overlap_share(a: Sequence[Span], b: Sequence[Span]) -> float:
    """Shared characters of two span sets over the length of the longer set, in [0, 1] (0 when either is empty).

    The matching criterion of attribution spans (a content counts as found at >= 0.5).
    """
    la = sum(len(s) for s in a)
    lb = sum(len(s) for s in b)
    if not la or not lb:
        return 0.0
    return sum(overlap(x, y) for x in a for y in b) / max(la, lb)


def merge(spans: Iterable[Span]) -> list[Span]:
    """The union of ``spans`` as sorted, disjoint spans (touching spans are joined)."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda x: (x.start, x.end)):
        if out and s.start <= out[-1].end:
            if s.end > out[-1].end:
                out[-1] = Span(out[-1].start, s.end)
        else:
            out.append(s)
    return out


def covered(span: Span, regions: Sequence[Span]) -> int:
    """Characters of ``span`` inside the union of ``regions``."""
    return sum(overlap(span, r) for r in merge(regions))
