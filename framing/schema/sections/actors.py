"""The actors section: who an article is about, each actor with its mentions (spans of ``Article.text``).

JSON form (the ``"actors"`` key of an analysis): a list, most mentioned actor
first, of :meth:`Actor.to_dict` — ``name``, ``kind``, ``aliases``,
``affiliation``, ``mentions`` (the count of named mentions), ``salience`` and
``mention_spans`` (``start``, ``end``, ``quote``, ``rule``, ``pronoun``,
``possessive``).

This section is a plain typed container: finding and merging actors, and the
name tables that turn a string into an actor, live in
:mod:`framing.analyzers.actors` (schema imports nothing from the rest of the
project). :meth:`Actors.resolve` therefore works only on a section built by the
analyzer, which attaches its name lookup; a section restored from JSON answers
:meth:`Actors.get` and :meth:`Actors.actor_at` but resolves no name strings.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.schema.article import Article
from framing.schema.enums import ActorKind
from framing.schema.section import Measure
from framing.schema.spans import Evidence, Span

__all__ = ["Actor", "Actors", "Mention", "Salience"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor: the span ``[start, end)`` of ``Article.text`` whose text is ``text``.

    ``rule`` is the id of the rule that found it (see the actors analyzer's
    ``RULES``); ``pronoun``/``possessive`` say what kind of mention it is.
    ``head`` is the index of the mention's syntactic head token in the parse the
    analyzer saw. It is parse-internal: it is not serialised, and it takes no
    part in equality or hashing (``compare=False``), so a mention restored from
    JSON (``head`` = -1) equals the one the analyzer made.
    """

    start: int
    end: int
    text: str
    head: int = field(default=-1, compare=False)
    rule: str = ""
    pronoun: bool = False
    possessive: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "quote": self.text,
            "rule": self.rule,
            "pronoun": self.pronoun,
            "possessive": self.possessive,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Mention:
        return cls(int(d["start"]), int(d["end"]), d["quote"], -1, d.get("rule", ""),
                   bool(d.get("pronoun", False)), bool(d.get("possessive", False)))


@dataclass(frozen=True, slots=True)
class Salience:
    """How prominent an actor is.

    ``mentions``: named mentions (count >= 1); ``pronoun_mentions``: resolved
    pronouns, counted apart; ``in_headline`` / ``in_first_paragraph``: a named
    mention lies there; ``first_offset``: the character offset of the first
    named mention.
    """

    mentions: int
    pronoun_mentions: int
    in_headline: bool
    in_first_paragraph: bool
    first_offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "mentions": self.mentions,
            "pronoun_mentions": self.pronoun_mentions,
            "in_headline": self.in_headline,
            "in_first_paragraph": self.in_first_paragraph,
            "first_offset": self.first_offset,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Salience:
        return cls(int(d["mentions"]), int(d["pronoun_mentions"]), bool(d["in_headline"]),
                   bool(d["in_first_paragraph"]), int(d["first_offset"]))


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor: canonical ``name``, ``kind``, the ``aliases`` seen in the text, its mentions, salience, affiliation.

    ``affiliation`` is the name of the state or body the actor belongs to, or None.
    """

    name: str
    kind: ActorKind
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    salience: Salience
    affiliation: str | None = None

    @property
    def named_mentions(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if not m.pronoun)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": str(self.kind),
            "aliases": list(self.aliases),
            "affiliation": self.affiliation,
            "mentions": self.salience.mentions,
            "salience": self.salience.to_dict(),
            "mention_spans": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Actor:
        return cls(d["name"], ActorKind(d["kind"]), tuple(d.get("aliases", ())),
                   tuple(Mention.from_dict(m) for m in d.get("mention_spans", ())),
                   Salience.from_dict(d["salience"]), d.get("affiliation"))


@dataclass(frozen=True)
class Actors:
    """The actors of one article, most mentioned first (the ``"actors"`` section).

    ``actor_at(start, end)`` finds the actor mentioned in a span (speaker spans
    of the attribution analyzer); ``resolve(text)`` maps a name string to an
    actor through ``lookup``, the name index the actors analyzer attaches
    (``None`` on a section restored from JSON: then ``resolve`` returns None).
    ``lookup`` takes no part in equality.

    ``measures`` is empty: compare reads no per-article number from this section.
    """

    actors: tuple[Actor, ...] = ()
    lookup: Callable[[str], Actor | None] | None = field(default=None, compare=False, repr=False)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def __getitem__(self, i: int) -> Actor:
        return self.actors[i]

    def get(self, name: str) -> Actor | None:
        """The actor named exactly ``name`` (case-insensitive), or None."""
        low = name.lower()
        for a in self.actors:
            if a.name.lower() == low:
                return a
        return None

    @functools.cached_property
    def _mention_index(self) -> list[tuple[int, int, int, Actor]]:
        out = [(m.start, m.end, i, a) for i, a in enumerate(self.actors) for m in a.mentions]
        out.sort(key=lambda t: (t[0], t[1]))
        return out

    @functools.cached_property
    def _mention_starts(self) -> tuple[list[int], int]:
        """The mentions' start offsets (sorted, for bisect) and the longest mention's length."""
        index = self._mention_index
        return [t[0] for t in index], max((e - s for s, e, _, _ in index), default=0)

    @functools.cached_property
    def _named_at(self) -> dict[tuple[int, int, int], bool]:
        """(actor index, start, end) -> True when no mention of that actor at exactly that span is a pronoun."""
        named: dict[tuple[int, int, int], bool] = {}
        for i, a in enumerate(self.actors):
            for m in a.mentions:
                named[(i, m.start, m.end)] = named.get((i, m.start, m.end), True) and not m.pronoun
        return named

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with the mention that best covers ``[start, end)``.

        Among mentions overlapping the span, the one with the largest overlap
        wins; ties go to the mention ending later (the head of an English noun
        phrase is at its right: in "US President Donald Trump" the person wins
        over "US"), then to named over pronoun mentions. O(log n + k): the scan
        starts by bisect at the first mention that could reach the span.
        """
        best: tuple[int, int, int] | None = None
        best_actor = None
        index = self._mention_index
        starts, longest = self._mention_starts
        for j in range(bisect.bisect_left(starts, start - longest), len(index)):
            s, e, i, a = index[j]
            if s >= end:
                break
            if e <= start:
                continue
            ov = min(e, end) - max(s, start)
            if ov <= 0:
                continue
            key = (ov, e, int(self._named_at[(i, s, e)]))
            if best is None or key > best:
                best, best_actor = key, a
        return best_actor

    def resolve(self, text: str) -> Actor | None:
        """The actor a name string refers to ("President Trump", "the US"), or None (see the class docstring)."""
        return self.lookup(text) if self.lookup is not None else None

    def to_dict(self) -> list[dict[str, Any]]:
        return [a.to_dict() for a in self.actors]

    @classmethod
    def from_dict(cls, d: Iterable[Mapping[str, Any]]) -> Actors:
        return cls(tuple(Actor.from_dict(a) for a in d))

    def evidence(self) -> Iterable[Evidence]:
        """Every mention, as evidence of weight 0 (what a face highlights as "this actor is named here")."""
        for a in self.actors:
            for m in a.mentions:
                yield Evidence(m.span, m.text, m.rule, 0.0, f"mention of {a.name}")

    def measures(self, article: Article) -> Mapping[str, Measure]:
        return {}
