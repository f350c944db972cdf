"""Core data objects: spans, evidence, scores and articles.

Offsets are the currency of framing: every finding is a half-open character
range ``[start, end)`` into :attr:`Article.text`, the one offset space of an
article (headline included). :func:`validate` checks these invariants for a
whole serialised analysis.

This module imports nothing from the project.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterable, Mapping

SCHEMA_VERSION = "1.0"


class _SchemaViolation(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise _SchemaViolation(f"span offsets must be integers, got {self.start!r}, {self.end!r}")
        if self.start < 0 or self.end < self.start:
            raise _SchemaViolation(f"span [{self.start}, {self.end}) is not a valid range")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
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
    def from_dict(cls, d: Mapping[str, Any]) -> "Evidence":
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
    def from_dict(cls, d: Mapping[str, Any]) -> "Score":
        return cls(float(d["value"]), d["method"], tuple(Evidence.from_dict(e) for e in d.get("evidence", ())), d.get("label", ""))


def recompute(method: str, weights: Iterable[float]) -> float:
    """Recompute a :class:`Score` value from its evidence weights (see ``Score.method``)."""
    import math

    w = list(weights)
    if method == "sum":
        return float(sum(w))
    if method == "mean":
        return float(sum(w) / len(w)) if w else 0.0
    if method == "clipped_sum":
        return float(max(-1.0, min(1.0, sum(w))))
    if method == "tanh_sum":
        return float(math.tanh(sum(w)))
    raise ValueError(f"method {method!r} cannot be recomputed from weights alone")


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its text (headline included) and metadata.

    ``text`` is the single offset space: the title, a blank line, then the
    body (when there is a title). ``body_start`` is the offset where the body
    begins. ``source_sha256`` hashes the bytes the article was read from;
    :attr:`sha256` hashes ``text`` and keys every cache.
    """

    text: str
    title: str = ""
    body_start: int = 0
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    byline: str | None = None
    language: str = "en"
    source_sha256: str = ""
    extractor: str = ""
    extractor_version: str = ""
    source: str = ""  # where it was loaded from: url, path, "stdin", "text"
    meta: tuple[tuple[str, str], ...] = field(default=())  # extra string metadata (event, lean...)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def word_count(self) -> int:
        return len(self.text[self.body_start :].split())

    def get(self, key: str, default: str | None = None) -> str | None:
        return dict(self.meta).get(key, default)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["meta"] = dict(self.meta)
        d["sha256"] = self.sha256
        d["word_count"] = self.word_count
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Article":
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in names}
        if "text" not in kw or not isinstance(kw["text"], str):
            raise _SchemaViolation("an Article needs a 'text' string")
        for name in ("title", "language", "source_sha256", "extractor", "extractor_version", "source"):
            if name in kw and kw[name] is None:
                del kw[name]  # the default
            elif name in kw and not isinstance(kw[name], str):
                raise _SchemaViolation(f"Article field {name!r} must be a string, got {type(kw[name]).__name__}")
        for name in ("url", "outlet", "published", "byline"):
            if kw.get(name) is not None and not isinstance(kw[name], str):
                raise _SchemaViolation(f"Article field {name!r} must be a string or null, got {type(kw[name]).__name__}")
        if "body_start" in kw and (not isinstance(kw["body_start"], int) or isinstance(kw["body_start"], bool)):
            raise _SchemaViolation(f"Article field 'body_start' must be an integer, got {kw['body_start']!r}")
        meta = kw.get("meta") or {}
        if isinstance(meta, (list, tuple)):
            try:
                meta = dict(meta)
            except (TypeError, ValueError):
                raise _SchemaViolation("Article field 'meta' must be an object of strings") from None
        if not isinstance(meta, Mapping):
            raise _SchemaViolation(f"Article field 'meta' must be an object of strings, got {type(meta).__name__}")
        kw["meta"] = tuple(sorted((str(k), str(v)) for k, v in dict(meta).items()))
        art = cls(**kw)
        problems = article_problems(art)
        if problems:
            raise _SchemaViolation(problems[0])
        return art


def article_problems(article: Article) -> list[str]:
    """Offset invariants of an Article itself."""
    out = []
    if not (0 <= article.body_start <= len(article.text)):
        out.append(f"body_start {article.body_start} is outside the text (length {len(article.text)})")
    elif article.title and not article.text.startswith(article.title):
        out.append("the text does not begin with the title")
    return out


def _walk(obj: Any, path: str = "$"):
    """Yield (path, dict) for every dict inside ``obj`` (depth first)."""
    if isinstance(obj, Mapping):
        yield path, obj
        for k, v in obj.items():
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from _walk(v, f"{path}[{i}]")


_OFFSET_PAIRS = (("start", "end"), ("speaker_start", "speaker_end"), ("content_start", "content_end"), ("cue_start", "cue_end"))


def validate(analysis: Mapping[str, Any]) -> list[str]:
    """Check every offset invariant of a serialised analysis; return the problems (empty = valid).

    For every dict anywhere inside ``analysis`` (except the article itself and
    peer material, which points into other texts): each ``start``/``end`` pair
    (and ``speaker_*``, ``content_*``, ``cue_*``) must be integers with
    ``0 <= start <= end <= len(text)``; where a ``quote`` sits beside
    ``start``/``end`` it must equal the text slice.
    """
    problems: list[str] = []
    art = analysis.get("article")
    if not isinstance(art, Mapping) or not isinstance(art.get("text"), str):
        return ["analysis has no article text"]
    text = art["text"]
    n = len(text)
    for key, section in analysis.items():
        if key in ("article", "provenance"):
            continue
        for path, d in _walk(section, f"$.{key}"):
            if d.get("text_id") not in (None, "target"):
                continue  # points into another article (peer evidence)
            offsets_ok = True
            for a, b in _OFFSET_PAIRS:
                if a in d and b in d and d[a] is not None and d[b] is not None:
                    s, e = d[a], d[b]
                    if not isinstance(s, int) or not isinstance(e, int) or isinstance(s, bool) or isinstance(e, bool):
                        problems.append(f"{path}: {a}/{b} are not integers ({s!r}, {e!r})")
                        offsets_ok = offsets_ok and a != "start"
                    elif not (0 <= s <= e <= n):
                        problems.append(f"{path}: [{s}, {e}) is outside the text (length {n})")
                        offsets_ok = offsets_ok and a != "start"
            if offsets_ok and "quote" in d and isinstance(d.get("start"), int) and isinstance(d.get("end"), int):
                if isinstance(d["quote"], str) and d["quote"] != text[d["start"] : d["end"]]:
                    problems.append(f"{path}: quote {d['quote'][:40]!r} != text[{d['start']}:{d['end']}]")
    return problems
