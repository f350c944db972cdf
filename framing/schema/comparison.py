"""Comparison: one target article set against other outlets' coverage of the same event.

The typed result of :func:`framing.comparison.compare`. ``Comparison.to_dict()`` is
the comparison JSON (``framing compare --json``); ``Comparison.from_dict``
restores an equal object. Spans without a ``text_id`` point into the target's
``article.text``; spans with a ``text_id`` point into that peer's text.

The fixed shapes are frozen dataclasses: the article cards (:class:`TargetCard`,
:class:`PeerCard`), the same-story check (:class:`SameStory`), each measure's
row (:class:`MeasureRow` with :class:`Spread`, :class:`LeanSpread`,
:class:`MeasureValue`), and the containers of the other families
(:class:`DistinctiveTerms`, :class:`StanceMatrix`, :class:`Sources`,
:class:`Claims`). The rows inside those containers (a term, a naming
referent, an actor row, a voice, a claim) stay in their JSON form, plain dicts
to be read, not changed.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from framing.schema.analysis import SCHEMA_VERSION, Analysis
from framing.schema.errors import SchemaError
from framing.schema.tables import comparison_rows, to_frames
from framing.schema.validate import validate, walk

Row = Mapping[str, Any]
_CARD = ("id", "title", "outlet", "lean", "url", "published", "word_count", "sha256", "text_kind", "similarity")


def _rows(v: Any) -> tuple[Any, ...]:
    return tuple(v or ())


def _need(d: Any, keys: tuple[str, ...], what: str) -> Mapping[str, Any]:
    if not isinstance(d, Mapping):
        raise SchemaError(f"comparison {what} must be a JSON object, got {type(d).__name__}")
    missing = [k for k in keys if k not in d]
    if missing:
        raise SchemaError(f"comparison {what} is missing {', '.join(missing)}; give the output of `framing compare --json`")
    return d


@dataclass(frozen=True, slots=True, kw_only=True)
class PeerCard:
    """A peer article: who published it, how long it is, how close it is to the story.

    ``similarity`` is the TF-IDF cosine to the other peers' centroid in [0, 1];
    ``in_measures`` says whether it enters the measures (long enough, not a
    headline summary). A peer set aside as off-story carries ``reason`` and ``rule``.
    """

    id: str
    title: str = ""
    outlet: str | None = None
    lean: str | None = None
    url: str | None = None
    published: str | None = None
    word_count: int = 0
    sha256: str = ""
    text_kind: str | None = None
    similarity: float = 0.0
    in_measures: bool = False
    reason: str | None = None
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in _CARD}
        d["in_measures"] = self.in_measures
        if self.reason is not None or self.rule is not None:
            d["reason"], d["rule"] = self.reason, self.rule
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PeerCard:
        _need(d, ("id",), "peer card")
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass(frozen=True, eq=False, kw_only=True)
class TargetCard:
    """The target article's card, with its whole analysis (the spans of the comparison point into its text).

    ``similarity`` is the TF-IDF cosine of the target to the centroid of all kept peers.
    """

    id: str
    title: str = ""
    outlet: str | None = None
    lean: str | None = None
    url: str | None = None
    published: str | None = None
    word_count: int = 0
    sha256: str = ""
    text_kind: str | None = None
    similarity: float = 0.0
    analysis: Analysis

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in _CARD}
        d["analysis"] = self.analysis.to_dict()
        return d

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TargetCard) and self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TargetCard:
        _need(d, ("id", "analysis"), "target")
        kw = {k: d[k] for k in _CARD if k in d}
        return cls(**kw, analysis=Analysis.from_dict(d["analysis"]))


@dataclass(frozen=True, slots=True)
class SameStory:
    """How peers were checked to be about the same story (rule ``compare.same_story``)."""

    method: str
    min_similarity: float
    target_similarity: float
    rule: str = "compare.same_story"

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "min_similarity": self.min_similarity, "target_similarity": self.target_similarity, "rule": self.rule}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SameStory:
        _need(d, ("method", "min_similarity", "target_similarity"), "same_story")
        return cls(d["method"], d["min_similarity"], d["target_similarity"], d.get("rule", "compare.same_story"))


@dataclass(frozen=True, slots=True)
class Spread:
    """The peers' values of one measure: count, median, quartiles (linear interpolation), IQR, range; None when n = 0."""

    n: int
    median: float | None = None
    q1: float | None = None
    q3: float | None = None
    iqr: float | None = None
    min: float | None = None
    max: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "median": self.median, "q1": self.q1, "q3": self.q3, "iqr": self.iqr, "min": self.min, "max": self.max}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Spread:
        return cls(d["n"], d.get("median"), d.get("q1"), d.get("q3"), d.get("iqr"), d.get("min"), d.get("max"))


@dataclass(frozen=True, slots=True)
class LeanSpread:
    """The peers of one lean: count, median, quartiles, and the target's percentile among them (0-100)."""

    n: int
    median: float | None
    q1: float | None
    q3: float | None
    percentile: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "median": self.median, "q1": self.q1, "q3": self.q3, "percentile": self.percentile}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LeanSpread:
        return cls(d["n"], d.get("median"), d.get("q1"), d.get("q3"), d.get("percentile"))


@dataclass(frozen=True, slots=True)
class MeasureValue:
    """One peer's value of a measure."""

    id: str
    outlet: str | None
    lean: str | None
    value: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "outlet": self.outlet, "lean": self.lean, "value": self.value}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> MeasureValue:
        return cls(d["id"], d.get("outlet"), d.get("lean"), d["value"])


@dataclass(frozen=True, slots=True)
class MeasureRow:
    """One measure (rule ``compare.measure``): the target's value beside the peers' distribution.

    ``percentile`` is the share of peers below the target (ties count half), in
    [0, 100]; ``ratio_to_median`` is target / peers' median (None when either is
    missing or the median is 0); ``by_lean`` the same per peer lean.
    """

    label: str
    unit: str
    target: float | None
    peers: Spread
    percentile: float | None
    ratio_to_median: float | None
    by_lean: Mapping[str, LeanSpread] = field(default_factory=dict)
    values: tuple[MeasureValue, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "unit": self.unit,
            "target": self.target,
            "peers": self.peers.to_dict(),
            "percentile": self.percentile,
            "ratio_to_median": self.ratio_to_median,
            "by_lean": {k: v.to_dict() for k, v in self.by_lean.items()},
            "values": [v.to_dict() for v in self.values],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> MeasureRow:
        _need(d, ("label", "target", "peers"), "measure")
        return cls(d["label"], d.get("unit", ""), d["target"], Spread.from_dict(d["peers"]), d.get("percentile"), d.get("ratio_to_median"),
                   {k: LeanSpread.from_dict(v) for k, v in (d.get("by_lean") or {}).items()},
                   tuple(MeasureValue.from_dict(v) for v in d.get("values") or ()))


@dataclass(frozen=True, slots=True)
class DistinctiveTerms:
    """Word choice (rule ``compare.fightin_words``): terms typical of the target (z > 0) and of the peers (z < 0)."""

    method: str
    prior: str
    tokenizer: str
    n_tokens_target: int
    n_tokens_peers: int
    target: tuple[Row, ...] = ()
    peers: tuple[Row, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "prior": self.prior, "tokenizer": self.tokenizer, "n_tokens_target": self.n_tokens_target,
                "n_tokens_peers": self.n_tokens_peers, "target": list(self.target), "peers": list(self.peers)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DistinctiveTerms:
        _need(d, ("method", "target", "peers"), "distinctive_terms")
        return cls(d["method"], d.get("prior", ""), d.get("tokenizer", ""), d.get("n_tokens_target", 0), d.get("n_tokens_peers", 0),
                   _rows(d["target"]), _rows(d["peers"]))


class _RowGroups:
    """A container whose every field is a tuple of JSON-form rows (to_dict/from_dict for all of them)."""

    __slots__ = ()
    KEY = ""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: list(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Any:
        names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
        _need(d, names, cls.KEY)
        return cls(*(_rows(d[n]) for n in names))


@dataclass(frozen=True, slots=True)
class StanceMatrix(_RowGroups):
    """Actor x outlet (rule ``compare.stance_matrix``): ``columns`` are the articles, ``rows`` one actor each."""

    KEY = "stance_matrix"
    columns: tuple[Row, ...] = ()
    rows: tuple[Row, ...] = ()


@dataclass(frozen=True, slots=True)
class Sources(_RowGroups):
    """The sourcing ledger: voices per outlet, voices only the target quotes, voices the target leaves out."""

    KEY = "sources"
    by_outlet: tuple[Row, ...] = ()
    target_only: tuple[Row, ...] = ()
    target_omits: tuple[Row, ...] = ()


@dataclass(frozen=True, slots=True)
class Claims(_RowGroups):
    """Checkable sentences: the target's uncorroborated and contradicted ones, and facts the target omits."""

    KEY = "claims"
    uncorroborated: tuple[Row, ...] = ()
    contradicted: tuple[Row, ...] = ()
    omitted: tuple[Row, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Comparison:
    """A target article set against peers' coverage of the same event (see :mod:`framing.comparison`).

    ``naming`` holds one JSON-form row per referent (lexicons/naming.tsv).
    """

    target: TargetCard
    peers: tuple[PeerCard, ...]
    set_aside: tuple[PeerCard, ...]
    same_story: SameStory
    measures: Mapping[str, MeasureRow]
    distinctive_terms: DistinctiveTerms
    naming: tuple[Row, ...]
    stance_matrix: StanceMatrix
    sources: Sources
    claims: Claims
    roles: Row = field(default_factory=dict)
    frames: Row = field(default_factory=dict)
    schema_version: str = SCHEMA_VERSION
    framing_version: str = ""

    KEYS = ("target", "peers", "set_aside", "same_story", "measures", "distinctive_terms", "naming", "stance_matrix", "sources", "claims",
            "roles", "frames")
    #: Keys added after schema 2.0 was first written: read as empty when absent, so older comparison JSON still loads.
    OPTIONAL_KEYS = ("roles", "frames")
    kind = "comparison"

    @property
    def target_analysis(self) -> Mapping[str, Any]:
        """The target's analysis in its JSON form."""
        return self.target.analysis.to_dict()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "framing_version": self.framing_version,
            "kind": "comparison",
            "target": self.target.to_dict(),
            "peers": [p.to_dict() for p in self.peers],
            "set_aside": [p.to_dict() for p in self.set_aside],
            "same_story": self.same_story.to_dict(),
            "measures": {k: m.to_dict() for k, m in self.measures.items()},
            "distinctive_terms": self.distinctive_terms.to_dict(),
            "naming": list(self.naming),
            "stance_matrix": self.stance_matrix.to_dict(),
            "sources": self.sources.to_dict(),
            "claims": self.claims.to_dict(),
            "roles": dict(self.roles),
            "frames": dict(self.frames),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Comparison:
        """Restore a comparison from its JSON form (or ``{"comparison": ...}``); raises :class:`SchemaError`."""
        if isinstance(d, Mapping) and "comparison" in d and "target" not in d:
            d = d["comparison"]
        _need(d, tuple(k for k in cls.KEYS if k not in cls.OPTIONAL_KEYS), "")
        return cls(
            target=TargetCard.from_dict(d["target"]),
            peers=tuple(PeerCard.from_dict(p) for p in d["peers"]),
            set_aside=tuple(PeerCard.from_dict(p) for p in d["set_aside"]),
            same_story=SameStory.from_dict(d["same_story"]),
            measures={k: MeasureRow.from_dict(m) for k, m in d["measures"].items()},
            distinctive_terms=DistinctiveTerms.from_dict(d["distinctive_terms"]),
            naming=_rows(d["naming"]),
            stance_matrix=StanceMatrix.from_dict(d["stance_matrix"]),
            sources=Sources.from_dict(d["sources"]),
            claims=Claims.from_dict(d["claims"]),
            roles=dict(d.get("roles") or {}),
            frames=dict(d.get("frames") or {}),
            schema_version=str(d.get("schema_version") or SCHEMA_VERSION),
            framing_version=str(d.get("framing_version") or ""),
        )

    def validate(self) -> list[str]:
        """Offset problems of the target's spans (peer spans carry ``text_id`` and are checked by :meth:`validate_peers`)."""
        full = self.to_dict()
        d = {"article": full["target"]["analysis"]["article"]}
        d.update({k: full[k] for k in self.KEYS if k != "target"})
        return validate(d)

    def validate_peers(self, peer_texts: Mapping[str, str]) -> list[str]:
        """Check every peer span (``text_id``) against ``peer_texts`` (id -> text)."""
        full = self.to_dict()
        problems = []
        for path, dd in walk({k: full[k] for k in self.KEYS if k != "target"}):
            tid = dd.get("text_id")
            if tid in (None, "target") or tid not in peer_texts:
                continue
            text = peer_texts[tid]
            s, e = dd.get("start"), dd.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
                problems.append(f"{path}: [{s}, {e}) outside peer {tid}")
            elif "quote" in dd and dd["quote"] != text[s:e]:
                problems.append(f"{path}: quote differs from peer {tid} text[{s}:{e}]")
        return problems

    def to_rows(self) -> dict[str, list[dict[str, Any]]]:
        """The target's tables (``articles``, ``findings``, ``actors``, ``attributions``) plus ``measures`` (target
        beside the peers' median, range and percentile) and ``peers``, as lists of dicts (:mod:`framing.schema.tables`)."""
        return comparison_rows(self)

    def to_frames(self) -> dict[str, Any]:
        """The same tables as pandas DataFrames (pandas is optional: ``pip install 'framing-analyzer[tables]'``)."""
        return to_frames(self.to_rows())

    def _repr_html_(self) -> str:  # pragma: no cover - notebooks
        """A plain summary table; the report layer may register a richer notebook view."""
        rows = "".join(
            f"<tr><td>{html.escape(m.label)}</td><td>{_fmt(m.target)}</td><td>{_fmt(m.peers.median)}</td><td>{_fmt(m.percentile)}</td></tr>"
            for m in self.measures.values()
        )
        t = self.target
        return (
            f"<div><b>{html.escape(t.title or '')}</b> ({html.escape(str(t.outlet or ''))}) against {len(self.peers)} peers"
            f"<table><tr><th>measure</th><th>target</th><th>peers' median</th><th>percentile</th></tr>{rows}</table></div>"
        )


def _fmt(v: Any) -> str:
    return "–" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))
