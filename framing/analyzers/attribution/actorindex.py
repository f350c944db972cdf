"""The actors section seen through a mention index, so that each speaker lookup is O(log n).

:meth:`framing.schema.sections.actors.Actors.actor_at` walks the sorted mention
list from its start and, for every overlapping mention, the actor's whole
mention list (is it a pronoun?): quadratic in the mentions of a page of many
short paragraphs (issue 22). :class:`IndexedActors` answers ``actor_at``
identically (tests/security/test_scaling.py compares the two) with a bisect
back by the longest mention and a precomputed named/pronoun flag, and hands
every other attribute to the section. INTERIM: once ``Actors.actor_at`` indexes
itself, the attribution analyzer can use the section directly.
"""

from __future__ import annotations

import bisect
from typing import Any

__all__ = ["IndexedActors"]


class IndexedActors:
    """A read-only view of an ``Actors`` section with an indexed :meth:`actor_at`."""

    def __init__(self, section: Any) -> None:
        self._section = section
        index = [(m.start, m.end, i, a) for i, a in enumerate(section.actors) for m in a.mentions]
        index.sort(key=lambda t: (t[0], t[1]))  # the section's own order (a stable sort of the same list)
        self._index = index
        self._starts = [t[0] for t in index]
        self._longest = max((e - s for s, e, _, _ in index), default=0)
        named: dict[tuple[int, int, int], bool] = {}  # (actor, start, end) -> no pronoun mention there
        for i, a in enumerate(section.actors):
            for m in a.mentions:
                key = (i, m.start, m.end)
                named[key] = named.get(key, True) and not m.pronoun
        self._named = named

    @classmethod
    def wrap(cls, section: Any) -> Any:
        """The view of an actors section; anything else (None, a stand-in without mentions) unchanged."""
        if section is None or not hasattr(section, "actors") or not hasattr(section, "actor_at"):
            return section
        return cls(section)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._section, name)

    def __iter__(self):
        return iter(self._section)

    def __len__(self) -> int:
        return len(self._section)

    def actor_at(self, start: int, end: int) -> Any:
        """``Actors.actor_at(start, end)``: the actor whose mention best covers the span (largest overlap, then
        the mention ending later, then named over pronoun)."""
        best: tuple[int, int, int] | None = None
        best_actor = None
        index = self._index
        for j in range(bisect.bisect_left(self._starts, start - self._longest), len(index)):
            s, e, i, a = index[j]
            if s >= end:
                break
            if e <= start:
                continue
            ov = min(e, end) - max(s, start)
            if ov <= 0:
                continue
            key = (ov, e, int(self._named[(i, s, e)]))
            if best is None or key > best:
                best, best_actor = key, a
        return best_actor
