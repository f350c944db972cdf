"""The frames section: the 14 generic issue frames per article, headline and paragraph, with evidence.

JSON form (key ``"frames"`` of an analysis)::

    {"model", "threshold", "part_threshold", "primary", "headline": {...} | null,
     "frames": [{"frame", "label", "probability", "present", "evidence": [Evidence], "sentences": [Evidence]}],
     "paragraphs": [{"start", "end", "words", "primary", "probability", "present": [frame]}]}

``frames`` lists all 14 frames, most probable first; ``present`` is the
multi-label decision (probability >= ``threshold``, and always the most probable
frame). The headline's and each paragraph's ``present`` frames use ``part_threshold``
(higher: a short text is framed by its strongest frames only; ``null`` in analyses
made before it existed, which used ``threshold``). What each figure means is specified in :mod:`framing.analyzers.frames`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from framing.schema.article import Article
from framing.schema.section import Measure
from framing.schema.spans import Evidence, Span


@dataclass(frozen=True, slots=True)
class FrameScore:
    """One frame of a text: calibrated probability in [0, 1], the decision, its evidence (cue and word spans with
    their contribution to the log-odds) and the sentences that carry it (weight = summed contributions inside)."""

    frame: str
    label: str
    probability: float
    present: bool
    evidence: tuple[Evidence, ...] = ()
    sentences: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"frame": self.frame, "label": self.label, "probability": self.probability, "present": self.present,
                "evidence": [e.to_dict() for e in self.evidence], "sentences": [e.to_dict() for e in self.sentences]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> FrameScore:
        return cls(str(d["frame"]), str(d["label"]), float(d["probability"]), bool(d["present"]),
                   tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
                   tuple(Evidence.from_dict(e) for e in d.get("sentences", ())))


@dataclass(frozen=True, slots=True)
class PartFrames:
    """The frames of one part of the text (the headline or a paragraph): its most probable frame and the
    frames present. ``words`` counts whitespace-separated words; a part under 8 words gets no frame ("")."""

    span: Span
    words: int
    primary: str
    probability: float
    present: tuple[str, ...] = ()

    __json_fields__ = (("start", int), ("end", int), ("words", int), ("primary", str), ("probability", float),
                       ("present", list[str]))  # to_dict flattens the span (framing.schema.jsonschema)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.span.start, "end": self.span.end, "words": self.words, "primary": self.primary,
                "probability": self.probability, "present": list(self.present)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PartFrames:
        return cls(Span(int(d["start"]), int(d["end"])), int(d["words"]), str(d["primary"]), float(d["probability"]),
                   tuple(str(x) for x in d.get("present", ())))


@dataclass(frozen=True, slots=True)
class Frames:
    """The frames section of an analysis (see :mod:`framing.analyzers.frames` for every figure)."""

    model: str
    threshold: float
    primary: str
    frames: tuple[FrameScore, ...]
    headline: PartFrames | None = None
    paragraphs: tuple[PartFrames, ...] = ()
    part_threshold: float | None = None

    def present(self) -> list[FrameScore]:
        return [f for f in self.frames if f.present]

    def profile(self) -> dict[str, float]:
        """Frame -> probability, for all 14 frames."""
        return {f.frame: f.probability for f in self.frames}

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "threshold": self.threshold, "part_threshold": self.part_threshold, "primary": self.primary,
                "headline": self.headline.to_dict() if self.headline else None,
                "frames": [f.to_dict() for f in self.frames], "paragraphs": [p.to_dict() for p in self.paragraphs]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Frames:
        h = d.get("headline")
        return cls(str(d["model"]), float(d["threshold"]), str(d["primary"]),
                   tuple(FrameScore.from_dict(f) for f in d.get("frames", ())),
                   PartFrames.from_dict(h) if h else None,
                   tuple(PartFrames.from_dict(p) for p in d.get("paragraphs", ())),
                   None if d.get("part_threshold") is None else float(d["part_threshold"]))

    def evidence(self) -> Iterator[Evidence]:
        """The cue and word spans of every frame present."""
        for f in self.frames:
            if f.present:
                yield from f.evidence

    def measures(self, article: Article) -> Mapping[str, Measure]:
        """``frames_present``: how many of the 14 frames the article uses (multi-label decision)."""
        return {"frames_present": Measure(float(sum(f.present for f in self.frames)), "Issue frames used (of 14)", "frames")}
