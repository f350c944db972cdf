"""The roles section: the narrative role the story gives each actor — hero, villain or victim — with the evidence.

JSON form (the ``"roles"`` key of an analysis): one dict per actor, in the order
of the ``"actors"`` section, ``{"name", "role", "confidence", "probabilities",
"harms", "harmed", "helps", "helped", "evidence"}``. ``role`` is ``"hero"``,
``"villain"``, ``"victim"`` or None (the analyzer abstains: the evidence is too
weak); ``confidence`` is the classifier's probability of the shown role (of the
most likely role when it abstains), ``probabilities`` all three. ``harms`` /
``harmed`` / ``helps`` / ``helped`` count the times the actor is the doer or the
one done to of a harmful or helpful act (connotation verbs). Each evidence item
is a span of ``Article.text`` with a rule id, a weight (its contribution toward
the role) and a detail.

A narrative role is not a stance: being the one harmed makes an actor a victim
of the story; it says nothing about whether the author favours it. Nothing in
this section feeds the stance section. ``measures`` is empty (roles are per
actor; :mod:`framing.comparison.roles` aggregates them per outlet).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from framing.schema.article import Article
from framing.schema.section import Measure
from framing.schema.spans import Evidence

__all__ = ["ActorRole", "NarrativeRole", "Roles"]


class NarrativeRole(StrEnum):
    """The three roles of the narrative-frames annotation (Frermann et al. 2023)."""

    HERO = "hero"
    VILLAIN = "villain"
    VICTIM = "victim"


@dataclass(frozen=True, slots=True)
class ActorRole:
    """One actor's narrative role (None: abstained), the classifier's confidence and probabilities, act counts, evidence."""

    name: str
    role: NarrativeRole | None
    confidence: float
    probabilities: Mapping[str, float] = field(default_factory=dict)
    harms: int = 0
    harmed: int = 0
    helps: int = 0
    helped: int = 0
    evidence: tuple[Evidence, ...] = ()

    # the JSON shape of to_dict, for framing.schema.jsonschema
    __json_fields__ = (
        ("name", str), ("role", NarrativeRole | None), ("confidence", float), ("probabilities", Mapping[str, float]),
        ("harms", int), ("harmed", int), ("helps", int), ("helped", int), ("evidence", list[Evidence]),
    )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": str(self.role) if self.role is not None else None,
            "confidence": self.confidence,
            "probabilities": dict(self.probabilities),
            "harms": self.harms,
            "harmed": self.harmed,
            "helps": self.helps,
            "helped": self.helped,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ActorRole:
        role = d.get("role")
        return cls(d["name"], NarrativeRole(role) if role is not None else None, float(d["confidence"]),
                   {str(k): float(v) for k, v in (d.get("probabilities") or {}).items()},
                   int(d.get("harms", 0)), int(d.get("harmed", 0)), int(d.get("helps", 0)), int(d.get("helped", 0)),
                   tuple(Evidence.from_dict(e) for e in d.get("evidence", ())))


@dataclass(frozen=True, slots=True)
class Roles:
    """The roles section: one :class:`ActorRole` per actor, in the actors section's order."""

    items: tuple[ActorRole, ...] = ()

    __json_fields__ = list[ActorRole]  # to_dict: a list, one entry per actor

    def __iter__(self) -> Iterator[ActorRole]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> ActorRole:
        return self.items[i]

    def get(self, name: str) -> ActorRole | None:
        """The first actor named ``name`` (case-insensitive), or None."""
        low = name.lower()
        return next((r for r in self.items if r.name.lower() == low), None)

    def cast(self, role: NarrativeRole | str) -> list[str]:
        """The names of the actors given ``role``, in section order."""
        return [r.name for r in self.items if r.role is not None and str(r.role) == str(role)]

    def to_dict(self) -> list[dict[str, Any]]:
        return [r.to_dict() for r in self.items]

    @classmethod
    def from_dict(cls, d: Iterable[Mapping[str, Any]]) -> Roles:
        return cls(tuple(ActorRole.from_dict(x) for x in d))

    def evidence(self) -> Iterable[Evidence]:
        """The evidence of every actor that was given a role."""
        for r in self.items:
            if r.role is not None:
                yield from r.evidence

    def measures(self, article: Article) -> Mapping[str, Measure]:
        return {}
