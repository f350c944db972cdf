"""The per-article view the measure families read: one :class:`Doc` per article of a comparison.

A :class:`Doc` wraps a typed :class:`framing.schema.Analysis`. Numbers come from
the sections' ``measures`` (see :mod:`framing.comparison.measures`); the other
families read a section's JSON form (``Analysis.to_dict()[name]``), the one
shape every section has whether it was computed now or restored from a cache.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.comparison.text import split_sentences
from framing.errors import InputError
from framing.schema import Analysis, Article, SchemaError

MIN_WORDS = 150
"""Peers shorter than this (in body words) do not enter the measures: a few lines give no stable rate."""


def as_analysis(obj: Any) -> Analysis:
    """``obj`` as a typed Analysis: an Analysis is returned as is, a dict is restored once with ``Analysis.from_dict``."""
    if isinstance(obj, Analysis):
        return obj
    if isinstance(obj, Mapping):
        try:
            return Analysis.from_dict(obj)
        except SchemaError as err:
            raise InputError(f"compare: expected an Analysis or an analysis dict with an article text, got a dict that is not one ({err}); "
                             "pass framing.analyze(article) results") from None
    raise InputError(f"compare: expected an Analysis or an analysis dict with an article text, got {type(obj).__name__}; "
                     "pass framing.analyze(article) results")


@dataclass
class Doc:
    """One article in a comparison: its id (``"target"`` or the peer's id), its analysis and card fields."""

    id: str
    analysis: Analysis
    data: dict[str, Any] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.data = self.analysis.to_dict()

    @property
    def article(self) -> Article:
        return self.analysis.article

    @property
    def text(self) -> str:
        return self.analysis.article.text

    @property
    def outlet(self) -> str | None:
        a = self.article
        return a.outlet or a.get("outlet_normalized") or a.get("outlet")

    @property
    def lean(self) -> str | None:
        """``left``, ``center`` or ``right`` from the article's ``meta`` (another value is kept as given, lowercased)."""
        lean = (self.article.get("lean") or "").strip().lower()
        return lean if lean in ("left", "center", "right") else (lean or None)

    @property
    def text_kind(self) -> str | None:
        return self.article.get("text_kind")

    @property
    def word_count(self) -> int:
        return self.article.word_count

    @property
    def in_measures(self) -> bool:
        """Long enough (``MIN_WORDS``) and not a headline-and-summary record."""
        return self.word_count >= MIN_WORDS and self.text_kind != "headline_and_summary"

    def section(self, name: str) -> Any:
        """The JSON form of section ``name`` (None when the analysis has no such section)."""
        return self.data.get(name)

    def card(self) -> dict[str, Any]:
        a = self.article
        return {"id": self.id, "title": a.title or "", "outlet": self.outlet, "lean": self.lean, "url": a.url, "published": a.published,
                "word_count": self.word_count, "sha256": a.sha256, "text_kind": self.text_kind}

    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans from the parse (the ``loaded_language`` section's ``sentences``), else :func:`split_sentences`."""
        ll = self.section("loaded_language") or {}
        sents = [(int(s["start"]), int(s["end"])) for s in (ll.get("sentences") or []) if "start" in s and "end" in s]
        return sents or split_sentences(self.text)

    def loaded_scores(self) -> dict[tuple[int, int], float]:
        """``(start, end)`` of each parsed sentence in the author's voice -> its loaded-language score (0-1)."""
        ll = self.section("loaded_language") or {}
        out = {}
        for s in ll.get("sentences") or []:
            if "start" in s and "end" in s and s.get("voice", "author") == "author" and isinstance(s.get("score"), (int, float)):
                out[(int(s["start"]), int(s["end"]))] = float(s["score"])
        return out

    def direct_quote_spans(self) -> list[tuple[int, int]]:
        """``(content_start, content_end)`` of every direct quote in the ``attribution`` section."""
        out = []
        for q in (self.section("attribution") or {}).get("quotes") or []:
            if q.get("type", "direct") != "direct":
                continue
            s, e = q.get("content_start"), q.get("content_end")
            if isinstance(s, int) and isinstance(e, int) and e > s:
                out.append((s, e))
        return out


def peer_id(analysis: Analysis, used: set[str]) -> str:
    """A peer's id: its corpus record id (meta ``record_id`` or ``id``), else the first 12 hex of its text sha256; unique in ``used``."""
    art = analysis.article
    base = str(art.get("record_id") or art.get("id") or "") or art.sha256[:12]
    pid, n = base, 2
    while pid in used or pid == "target":
        pid, n = f"{base}-{n}", n + 1
    used.add(pid)
    return pid
