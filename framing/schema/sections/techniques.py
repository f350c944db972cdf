"""The techniques section: persuasion-technique spans (SemEval-2020 Task 11 inventory), by voice.

JSON form (key ``"techniques"`` of an analysis)::

    {"model", "words", "per_1000_words", "per_1000_words_author",
     "counts": {technique: {"author": n, "quoted": n}},
     "spans": [{"start", "end", "quote", "technique", "label", "voice", "rule", "probability", "source", "uncertain"}],
     "uncertain_below": p, "uncertain": [span, ...]}

``spans`` are the findings the counts and rates are made of; ``uncertain`` holds the spans whose classifier
probability is under ``uncertain_below`` (each with ``"uncertain": true``): shown, marked as uncertain, never
counted. Analyses written before the threshold existed lack the two keys and the span flag (read as none, 0.0
and false). What each figure means is specified in :mod:`framing.analyzers.techniques`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NotRequired

from framing.schema.article import Article
from framing.schema.enums import Voice
from framing.schema.section import Measure
from framing.schema.spans import Evidence, Span


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    """One technique found: a span of ``Article.text``, the technique (PTC label and display name), whose voice,
    the rule that proposed it, the classifier's probability of the technique in [0, 1], and ``source``
    (``loaded_language`` when the span is the loaded-language analyzer's, ``lexicon``, ``rule`` or ``tagger``,
    a span of the token-level span tagger); ``uncertain``: the probability is under the section's
    ``uncertain_below`` threshold, so the span is shown as uncertain and left out of every count."""

    span: Span
    quote: str
    technique: str
    label: str
    voice: Voice
    rule: str
    probability: float
    source: str
    uncertain: bool = False

    __json_fields__ = (("start", int), ("end", int), ("quote", str), ("technique", str), ("label", str), ("voice", Voice),
                       ("rule", str), ("probability", float), ("source", str),
                       ("uncertain", NotRequired[bool]))  # to_dict flattens the span; older JSON has no flag

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.span.start, "end": self.span.end, "quote": self.quote, "technique": self.technique,
                "label": self.label, "voice": str(self.voice), "rule": self.rule, "probability": self.probability,
                "source": self.source, "uncertain": self.uncertain}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TechniqueSpan:
        return cls(Span(int(d["start"]), int(d["end"])), str(d["quote"]), str(d["technique"]), str(d["label"]),
                   Voice(d["voice"]), str(d["rule"]), float(d["probability"]), str(d["source"]), bool(d.get("uncertain", False)))

    def evidence(self) -> Evidence:
        return Evidence(self.span, self.quote, self.rule, self.probability, f"{self.label}, {self.voice}")


@dataclass(frozen=True, slots=True)
class Techniques:
    """The techniques section of an analysis (see :mod:`framing.analyzers.techniques`): ``spans`` are counted,
    ``uncertain`` (probability under ``uncertain_below``) are not."""

    model: str
    words: int
    per_1000_words: float
    per_1000_words_author: float
    spans: tuple[TechniqueSpan, ...]
    counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    uncertain_below: float = 0.0
    uncertain: tuple[TechniqueSpan, ...] = ()

    __json_fields__ = (("model", str), ("words", int), ("per_1000_words", float), ("per_1000_words_author", float),
                       ("counts", Mapping[str, Mapping[str, int]]), ("spans", tuple[TechniqueSpan, ...]),
                       ("uncertain_below", NotRequired[float]),
                       ("uncertain", NotRequired[tuple[TechniqueSpan, ...]]))  # older JSON lacks the last two

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "words": self.words, "per_1000_words": self.per_1000_words,
                "per_1000_words_author": self.per_1000_words_author,
                "counts": {k: dict(v) for k, v in self.counts.items()}, "spans": [s.to_dict() for s in self.spans],
                "uncertain_below": self.uncertain_below, "uncertain": [s.to_dict() for s in self.uncertain]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Techniques:
        return cls(str(d["model"]), int(d["words"]), float(d["per_1000_words"]), float(d["per_1000_words_author"]),
                   tuple(TechniqueSpan.from_dict(s) for s in d.get("spans", ())),
                   {str(k): {str(a): int(b) for a, b in v.items()} for k, v in (d.get("counts") or {}).items()},
                   float(d.get("uncertain_below", 0.0)), tuple(TechniqueSpan.from_dict(s) for s in d.get("uncertain", ())))

    def evidence(self) -> Iterator[Evidence]:
        """The counted spans (the uncertain ones are no evidence of a finding)."""
        for s in self.spans:
            yield s.evidence()

    def measures(self, article: Article) -> Mapping[str, Measure]:
        """``techniques_per_1000_author``: technique spans in the author's voice per 1,000 words of the article."""
        return {"techniques_per_1000_author": Measure(float(self.per_1000_words_author),
                                                      "Persuasion techniques per 1,000 words (author's voice)", "per 1,000 words")}
