"""The techniques section: persuasion-technique spans (SemEval-2020 Task 11 inventory), by voice.

JSON form (key ``"techniques"`` of an analysis)::

    {"model", "words", "per_1000_words", "per_1000_words_author",
     "counts": {technique: {"author": n, "quoted": n}},
     "spans": [{"start", "end", "quote", "technique", "label", "voice", "rule", "probability", "source"}]}

What each figure means is specified in :mod:`framing.analyzers.techniques`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.schema.article import Article
from framing.schema.enums import Voice
from framing.schema.section import Measure
from framing.schema.spans import Evidence, Span


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    """One technique found: a span of ``Article.text``, the technique (PTC label and display name), whose voice,
    the rule that proposed it, the classifier's probability of the technique in [0, 1], and ``source``
    (``loaded_language`` when the span is the loaded-language analyzer's, ``lexicon``, ``rule`` or ``tagger``,
    a span of the token-level span tagger)."""

    span: Span
    quote: str
    technique: str
    label: str
    voice: Voice
    rule: str
    probability: float
    source: str

    __json_fields__ = (("start", int), ("end", int), ("quote", str), ("technique", str), ("label", str), ("voice", Voice),
                       ("rule", str), ("probability", float), ("source", str))  # to_dict flattens the span

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.span.start, "end": self.span.end, "quote": self.quote, "technique": self.technique,
                "label": self.label, "voice": str(self.voice), "rule": self.rule, "probability": self.probability,
                "source": self.source}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TechniqueSpan:
        return cls(Span(int(d["start"]), int(d["end"])), str(d["quote"]), str(d["technique"]), str(d["label"]),
                   Voice(d["voice"]), str(d["rule"]), float(d["probability"]), str(d["source"]))

    def evidence(self) -> Evidence:
        return Evidence(self.span, self.quote, self.rule, self.probability, f"{self.label}, {self.voice}")


@dataclass(frozen=True, slots=True)
class Techniques:
    """The techniques section of an analysis (see :mod:`framing.analyzers.techniques`)."""

    model: str
    words: int
    per_1000_words: float
    per_1000_words_author: float
    spans: tuple[TechniqueSpan, ...]
    counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "words": self.words, "per_1000_words": self.per_1000_words,
                "per_1000_words_author": self.per_1000_words_author,
                "counts": {k: dict(v) for k, v in self.counts.items()}, "spans": [s.to_dict() for s in self.spans]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Techniques:
        return cls(str(d["model"]), int(d["words"]), float(d["per_1000_words"]), float(d["per_1000_words_author"]),
                   tuple(TechniqueSpan.from_dict(s) for s in d.get("spans", ())),
                   {str(k): {str(a): int(b) for a, b in v.items()} for k, v in (d.get("counts") or {}).items()})

    def evidence(self) -> Iterator[Evidence]:
        for s in self.spans:
            yield s.evidence()

    def measures(self, article: Article) -> Mapping[str, Measure]:
        """``techniques_per_1000_author``: technique spans in the author's voice per 1,000 words of the article."""
        return {"techniques_per_1000_author": Measure(float(self.per_1000_words_author),
                                                      "Persuasion techniques per 1,000 words (author's voice)", "per 1,000 words")}
