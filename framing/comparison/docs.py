"""The per-article view the measure families read: one :class:`Doc` per article of a comparison.

A :class:`Doc` wraps a typed :class:`framing.schema.Analysis`. Numbers come from
the sections' ``measures`` (see :mod:`framing.comparison.measures`); the other
families read a section's JSON form through :attr:`Doc.data`, the one shape every
section has whether it was computed now or restored from a cache.

Scale: :attr:`Doc.data` is a lazy mapping, not ``Analysis.to_dict()``. For the
sections the families read field by field (``actors``, ``stance``, ``roles``,
``frames``, ``techniques``) it gives a *light* JSON form — the same keys and values
as the full form for the fields the comparison reads (listed in :data:`LIGHT`),
without the evidence spans and mention lists no family reads; any other section
is its full JSON form. Either is built on each access and not kept (each family
reads a section of an article once). Sentence spans and direct-quote spans are
read from the typed sections once per article and kept (small). So a comparison
with 10,000 peers never builds or holds 10,000 full analysis dicts (building them
was a third of the run time, holding them most of its memory).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.comparison.text import split_sentences
from framing.errors import InputError
from framing.nlp.furniture import furniture_spans
from framing.schema import Analysis, Article, SchemaError

MIN_WORDS = 150
"""Peers shorter than this (in body words) do not enter the measures: a few lines give no stable rate."""

LIGHT: dict[str, tuple[str, ...]] = {
    "actors": ("name", "kind", "aliases", "mentions"),
    "stance": ("name", "stance", "stance_author", "stance_label", "labels", "n_evidence_author (for evidence: the items in the author's voice)"),
    "roles": ("name", "role", "confidence"),
    "frames": ("primary", "frames (frame, probability, present)"),
    "techniques": ("words", "spans (technique, quote, voice)"),
}
"""Sections whose light JSON form :attr:`Doc.data` keeps, and the fields it carries (values as in ``to_dict``)."""


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


def _light(name: str, sec: Any) -> Any:
    """The light JSON form of section ``name`` (see :data:`LIGHT`); the full ``to_dict()`` for a section type it does not know."""
    try:
        if name == "actors":
            return [{"name": a.name, "kind": str(a.kind), "aliases": list(a.aliases), "mentions": a.salience.mentions} for a in sec]
        if name == "stance":
            return [{"name": s.name, "stance": s.author.value, "stance_label": s.author.label, "stance_author": s.author.value,
                     "labels": s.label_terms(), "n_evidence_author": sum(1 for e in s.evidence if str(e.voice) == "author")} for s in sec]
        if name == "roles":
            return [{"name": r.name, "role": str(r.role) if r.role is not None else None, "confidence": r.confidence} for r in sec.items]
        if name == "frames":
            return {"primary": sec.primary, "frames": [{"frame": f.frame, "probability": f.probability, "present": f.present} for f in sec.frames]}
        if name == "techniques":
            return {"words": sec.words, "spans": [{"technique": s.technique, "quote": s.quote, "voice": str(s.voice)} for s in sec.spans]}
    except AttributeError:  # another section type under that name (a plug-in): its full JSON form
        pass
    return sec.to_dict()


class SectionData(Mapping[str, Any]):
    """Section name -> JSON form, built on each access, light for the sections of :data:`LIGHT`; no article, no provenance."""

    def __init__(self, analysis: Analysis) -> None:
        self._analysis = analysis

    def __getitem__(self, name: str) -> Any:
        sec = self._analysis.sections[name]  # KeyError when absent, as a dict would
        return _light(name, sec) if name in LIGHT else sec.to_dict()

    def __iter__(self) -> Iterator[str]:
        return iter(self._analysis.sections)

    def __len__(self) -> int:
        return len(self._analysis.sections)


@dataclass
class Doc:
    """One article in a comparison: its id (``"target"`` or the peer's id), its analysis and card fields."""

    id: str
    analysis: Analysis
    data: SectionData = field(init=False, repr=False)
    _sentences: list[tuple[int, int]] | None = field(default=None, init=False, repr=False)
    _quote_spans: list[tuple[int, int]] | None = field(default=None, init=False, repr=False)
    _furniture: list[tuple[int, int, str]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.data = SectionData(self.analysis)

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
        """The JSON form of section ``name`` (None when the analysis has no such section; light for the sections of :data:`LIGHT`)."""
        return self.data.get(name)

    def card(self) -> dict[str, Any]:
        a = self.article
        return {"id": self.id, "title": a.title or "", "outlet": self.outlet, "lean": self.lean, "url": a.url, "published": a.published,
                "word_count": self.word_count, "sha256": a.sha256, "text_kind": self.text_kind}

    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans from the parse (the ``loaded_language`` section's ``sentences``), else :func:`split_sentences`."""
        if self._sentences is None:
            ll = self.analysis.sections.get("loaded_language")
            sents = [(int(s.span.start), int(s.span.end)) for s in getattr(ll, "sentences", None) or ()]
            self._sentences = sents or split_sentences(self.text)
        return self._sentences

    def loaded_scores(self) -> dict[tuple[int, int], float]:
        """``(start, end)`` of each parsed sentence in the author's voice -> its loaded-language score (0-1)."""
        ll = self.analysis.sections.get("loaded_language")
        return {(int(s.span.start), int(s.span.end)): float(s.score) for s in getattr(ll, "sentences", None) or ()
                if str(s.voice) == "author" and isinstance(s.score, (int, float))}

    def direct_quote_spans(self) -> list[tuple[int, int]]:
        """``(content_start, content_end)`` of every direct quote in the ``attribution`` section."""
        if self._quote_spans is None:
            out = []
            for q in getattr(self.analysis.sections.get("attribution"), "quotes", None) or ():
                if str(q.type) != "direct":
                    continue
                cs = q.content_span
                if cs.end > cs.start:
                    out.append((cs.start, cs.end))
            self._quote_spans = out
        return self._quote_spans

    def quote_fields(self) -> list[dict[str, Any]]:
        """The fields of each attribution record the sourcing ledger reads (as in the section's JSON), without its texts."""
        return [{"type": str(q.type), "speaker": q.speaker, "speaker_kind": str(q.speaker_kind), "actor": q.actor, "cue": q.cue,
                 "content_start": q.content_span.start, "content_end": q.content_span.end, "speaker_confidence": q.speaker_confidence}
                for q in getattr(self.analysis.sections.get("attribution"), "quotes", None) or ()]

    def furniture(self) -> list[tuple[int, int, str]]:
        """``(start, end, kind)`` of the text's page furniture (:func:`framing.nlp.furniture.furniture_spans`), found once."""
        if self._furniture is None:
            self._furniture = furniture_spans(self.text)
        return self._furniture


def peer_id(analysis: Analysis, used: set[str]) -> str:
    """A peer's id: its corpus record id (meta ``record_id`` or ``id``), else the first 12 hex of its text sha256; unique in ``used``."""
    art = analysis.article
    base = str(art.get("record_id") or art.get("id") or "") or art.sha256[:12]
    pid, n = base, 2
    while pid in used or pid == "target":
        pid, n = f"{base}-{n}", n + 1
    used.add(pid)
    return pid
