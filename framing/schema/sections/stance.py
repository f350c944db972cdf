"""The stance section: how the article treats each actor, in [-1, 1], with the evidence, per voice.

JSON form (the ``"stance"`` key of an analysis): one dict per actor, in the
order of the ``"actors"`` section, ``{"name", "stance", "stance_label",
"stance_method", "stance_author", "stance_quoted", "stance_quoted_label",
"labels", "label_spans", "agent", "patient", "agent_verbs", "patient_verbs", "stance_strength", "stance_evaluated_share",
"evidence"}``. :func:`framing.schema.actor_cards` joins it with the actors
section into one card per actor.

``stance`` = ``stance_author`` is the author's voice; ``stance_quoted`` the
quoted voice (None when no evidence lies in quotations or attributed speech).
``labels`` is derived (the distinct author-voice label terms) and is not stored
apart. ``measures`` is empty: compare reads no per-article number from stance
(a stance is per actor, not per article).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from framing.schema.article import Article
from framing.schema.enums import StanceLabel, Voice
from framing.schema.section import Measure
from framing.schema.spans import Evidence, Score, Span

__all__ = ["ActorStance", "LabelSpan", "Stance", "StanceEvidence"]


@dataclass(frozen=True, slots=True)
class StanceEvidence:
    """One piece of evidence about an actor and the voice it is in."""

    evidence: Evidence
    voice: Voice

    def to_dict(self) -> dict[str, Any]:
        d = self.evidence.to_dict()
        d["voice"] = str(self.voice)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> StanceEvidence:
        return cls(Evidence.from_dict(d), Voice(d["voice"]))


@dataclass(frozen=True, slots=True)
class LabelSpan:
    """A loaded word attached to the actor: ``term`` at ``span``, its ``direction``, signed ``weight``, voice and ``how``
    it attaches (modifier, apposition, predicate, modified noun, event by the actor)."""

    term: str
    span: Span
    quote: str
    direction: str
    weight: float
    voice: Voice
    how: str

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.term, "start": self.span.start, "end": self.span.end, "quote": self.quote,
                "direction": self.direction, "weight": self.weight, "voice": str(self.voice), "how": self.how}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LabelSpan:
        return cls(d["term"], Span(int(d["start"]), int(d["end"])), d["quote"], d["direction"], float(d["weight"]),
                   Voice(d["voice"]), d["how"])


@dataclass(frozen=True, slots=True)
class ActorStance:
    """One actor's stance: the author's and the quoted voice as :class:`Score` (method ``weighted_mean``), labels,
    roles, evidence.

    ``agent``/``patient`` count the connotation verbs the actor is agent/patient of
    (``agent_verbs``/``patient_verbs`` their lemmas, in text order); they are recorded, they do not move the stance.
    ``strength`` is how much author-voice evidence backs the stance (summed absolute weights, sentence-model
    items at half), ``evaluated_share`` the share of the actor's author-voice mentions whose sentence carries an
    evaluative word aimed at it, in [0, 1].
    """

    name: str
    author: Score
    quoted: Score
    labels: tuple[LabelSpan, ...]
    agent: int
    patient: int
    agent_verbs: tuple[str, ...]
    patient_verbs: tuple[str, ...]
    evidence: tuple[StanceEvidence, ...]
    strength: float = 0.0
    evaluated_share: float = 0.0

    @property
    def stance(self) -> float:
        return self.author.value

    @property
    def stance_label(self) -> str:
        return self.author.label

    def label_terms(self) -> list[str]:
        """The distinct terms of the author-voice labels, in order."""
        seen: set[str] = set()
        out = []
        for lab in self.labels:
            if lab.voice == Voice.AUTHOR and lab.term not in seen:
                seen.add(lab.term)
                out.append(lab.term)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "stance": self.author.value,
            "stance_label": self.author.label,
            "stance_method": self.author.method,
            "stance_author": self.author.value,
            "stance_quoted": self.quoted.value if self.quoted.evidence else None,
            "stance_quoted_label": self.quoted.label if self.quoted.evidence else None,
            "labels": self.label_terms(),
            "label_spans": [lab.to_dict() for lab in self.labels],
            "agent": self.agent,
            "patient": self.patient,
            "agent_verbs": list(self.agent_verbs),
            "patient_verbs": list(self.patient_verbs),
            "evidence": [e.to_dict() for e in self.evidence],
            "stance_strength": self.strength,
            "stance_evaluated_share": self.evaluated_share,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ActorStance:
        ev = tuple(StanceEvidence.from_dict(e) for e in d.get("evidence", ()))
        method = d.get("stance_method", "mean")
        author = Score(float(d["stance_author"]), method, tuple(e.evidence for e in ev if e.voice == Voice.AUTHOR),
                       d["stance_label"])
        quoted_ev = tuple(e.evidence for e in ev if e.voice == Voice.QUOTED)
        if d.get("stance_quoted") is None:
            quoted = Score(0.0, method, (), str(StanceLabel.NEUTRAL))
        else:
            quoted = Score(float(d["stance_quoted"]), method, quoted_ev, d["stance_quoted_label"])
        return cls(d["name"], author, quoted, tuple(LabelSpan.from_dict(x) for x in d.get("label_spans", ())),
                   int(d["agent"]), int(d["patient"]), tuple(d.get("agent_verbs", ())), tuple(d.get("patient_verbs", ())), ev,
                   float(d.get("stance_strength", 0.0)), float(d.get("stance_evaluated_share", 0.0)))


@dataclass(frozen=True, slots=True)
class Stance:
    """The stance section: one :class:`ActorStance` per actor, in the actors section's order."""

    items: tuple[ActorStance, ...] = ()

    def __iter__(self) -> Iterator[ActorStance]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> ActorStance:
        return self.items[i]

    def get(self, name: str) -> ActorStance | None:
        """The first actor named ``name`` (case-insensitive), or None."""
        low = name.lower()
        for s in self.items:
            if s.name.lower() == low:
                return s
        return None

    def to_dict(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self.items]

    @classmethod
    def from_dict(cls, d: Iterable[Mapping[str, Any]]) -> Stance:
        return cls(tuple(ActorStance.from_dict(x) for x in d))

    def evidence(self) -> Iterable[Evidence]:
        """Every piece of stance evidence of every actor, both voices."""
        for s in self.items:
            for e in s.evidence:
                yield e.evidence

    def measures(self, article: Article) -> Mapping[str, Measure]:
        return {}
