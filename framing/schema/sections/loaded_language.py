"""The loaded-language section: loaded spans, sentence scores, per-article rates.

JSON form (key ``"loaded_language"`` of an analysis)::

    {"per_1000_words", "per_1000_words_author", "per_1000_words_quoted",
     "share_sentences_loaded", "words", "words_quoted", "counts",
     "top_devices": [{"category", "count", "author", "quoted", "examples"}],
     "spans": [{"start", "end", "quote", "category", "rule", "weight", "voice",
                "alternative", "direction", "negated", "sentence", "term"}],
     "sentences": [{"start", "end", "score", "voice", "evidence": [Evidence]}]}

What each figure means is specified in :mod:`framing.analyzers.loaded_language`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.schema.article import Article
from framing.schema.enums import Voice
from framing.schema.section import Measure
from framing.schema.spans import Evidence, Span

#: The one measure compare reads from this section: key -> (label, unit).
MEASURES: dict[str, tuple[str, str]] = {
    "loaded_per_1000_author": ("Loaded terms per 1,000 words (author's voice)", "per 1,000 words"),
}


@dataclass(frozen=True, slots=True)
class LoadedSpan:
    """A lexicon hit: a loaded term (or a reported device: intensifier, absolute) in ``Article.text`` offsets.

    ``weight`` is the lexicon strength in (0, 1]; ``direction`` negative / positive /
    neutral toward its target; ``sentence`` the index of its sentence in the parse.
    """

    span: Span
    quote: str
    category: str
    rule: str
    weight: float
    voice: Voice
    alternative: str
    direction: str
    negated: bool
    sentence: int
    term: str
    features: tuple[str, ...] = ()  # a model proposal: the features that drove it (coef * x, largest first)

    #: JSON shape (framing.schema.jsonschema): the span flattened to start/end, in to_dict order.
    __json_fields__ = (
        ("features", list[str]), ("start", int), ("end", int), ("quote", str), ("category", str), ("rule", str),
        ("weight", float), ("voice", Voice), ("alternative", str), ("direction", str), ("negated", bool),
        ("sentence", int), ("term", str),
    )

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "start": self.span.start,
            "end": self.span.end,
            "quote": self.quote,
            "category": self.category,
            "rule": self.rule,
            "weight": self.weight,
            "voice": str(self.voice),
            "alternative": self.alternative,
            "direction": self.direction,
            "negated": self.negated,
            "sentence": self.sentence,
            "term": self.term,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LoadedSpan:
        return cls(Span(int(d["start"]), int(d["end"])), d["quote"], d["category"], d["rule"], float(d["weight"]),
                   Voice(d["voice"]), d["alternative"], d["direction"], bool(d["negated"]), int(d["sentence"]), d["term"],
                   tuple(d.get("features", ())))

    def evidence(self) -> Evidence:
        detail = f"{self.category}, {self.direction}, {self.voice}" + (", negated" if self.negated else "")
        if self.alternative:
            detail += f" -> {self.alternative}"
        if self.features:
            detail += f"; p={self.weight:.2f} from " + ", ".join(self.features)
        return Evidence(self.span, self.quote, self.rule, self.weight, detail)


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """P(biased by word choice) of one sentence in [0, 1], its voice, the model's evidence and its support.

    ``support`` is ``"spans"`` when the score is >= 0.5 and at least one loaded span (not negated) lies in the
    sentence -- the sentence is reported as biased --, ``"classifier_only"`` when the score is >= 0.5 without any
    such span (shown as such, not counted as biased), and ``""`` below 0.5.
    """

    span: Span
    score: float
    voice: Voice
    evidence: tuple[Evidence, ...] = ()
    support: str = ""

    #: JSON shape (framing.schema.jsonschema): the span flattened to start/end, in to_dict order.
    __json_fields__ = (
        ("start", int), ("end", int), ("score", float), ("voice", Voice), ("support", str), ("evidence", list[Evidence]),
    )

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.span.start, "end": self.span.end, "score": self.score, "voice": str(self.voice),
                "support": self.support, "evidence": [e.to_dict() for e in self.evidence]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SentenceScore:
        return cls(Span(int(d["start"]), int(d["end"])), float(d["score"]), Voice(d["voice"]),
                   tuple(Evidence.from_dict(e) for e in d.get("evidence", ())), str(d.get("support", "")))


@dataclass(frozen=True, slots=True)
class TopDevice:
    """One category of loaded language with its count (not negated), by voice, and up to three examples."""

    category: str
    count: int
    author: int
    quoted: int
    examples: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "count": self.count, "author": self.author, "quoted": self.quoted,
                "examples": list(self.examples)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TopDevice:
        return cls(d["category"], int(d["count"]), int(d["author"]), int(d["quoted"]), tuple(d.get("examples", ())))


@dataclass(frozen=True, slots=True)
class LoadedLanguage:
    """The loaded-language section of an analysis (see :mod:`framing.analyzers.loaded_language` for every figure)."""

    per_1000_words: float
    per_1000_words_author: float
    per_1000_words_quoted: float
    share_sentences_loaded: float
    top_devices: tuple[TopDevice, ...]
    spans: tuple[LoadedSpan, ...]
    sentences: tuple[SentenceScore, ...]
    words: int = 0
    words_quoted: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "per_1000_words": self.per_1000_words,
            "per_1000_words_author": self.per_1000_words_author,
            "per_1000_words_quoted": self.per_1000_words_quoted,
            "share_sentences_loaded": self.share_sentences_loaded,
            "words": self.words,
            "words_quoted": self.words_quoted,
            "counts": dict(self.counts),
            "top_devices": [d.to_dict() for d in self.top_devices],
            "spans": [s.to_dict() for s in self.spans],
            "sentences": [s.to_dict() for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LoadedLanguage:
        return cls(
            per_1000_words=float(d["per_1000_words"]),
            per_1000_words_author=float(d["per_1000_words_author"]),
            per_1000_words_quoted=float(d["per_1000_words_quoted"]),
            share_sentences_loaded=float(d["share_sentences_loaded"]),
            top_devices=tuple(TopDevice.from_dict(x) for x in d.get("top_devices", ())),
            spans=tuple(LoadedSpan.from_dict(x) for x in d.get("spans", ())),
            sentences=tuple(SentenceScore.from_dict(x) for x in d.get("sentences", ())),
            words=int(d.get("words", 0)),
            words_quoted=int(d.get("words_quoted", 0)),
            counts={str(k): int(v) for k, v in (d.get("counts") or {}).items()},
        )

    def evidence(self) -> Iterator[Evidence]:
        """Every loaded span (negated ones included: they are shown), then every sentence's model evidence."""
        for s in self.spans:
            yield s.evidence()
        for sent in self.sentences:
            yield from sent.evidence

    def measures(self, article: Article) -> Mapping[str, Measure]:
        """``loaded_per_1000_author``: loaded terms (not negated) per 1,000 words of the author's own voice."""
        label, unit = MEASURES["loaded_per_1000_author"]
        return {"loaded_per_1000_author": Measure(float(self.per_1000_words_author), label, unit)}
