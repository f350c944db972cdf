"""The section contract every analyzer's result type implements, and Measure.

A *section* is one analyzer's typed result. Every face (JSON, the HTML/PDF
report, the terminal view, notebooks) and the comparison work through this
protocol alone, so a new analyzer's output appears everywhere without touching
those modules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, Self, runtime_checkable

from framing.schema.article import Article
from framing.schema.spans import Evidence


@dataclass(frozen=True, slots=True)
class Measure:
    """One number an article gets from a section, for comparisons and summaries.

    ``value`` is ``None`` when the measure does not apply (no quotes, no words).
    ``label`` and ``unit`` are what a report prints beside it.
    """

    value: float | None
    label: str
    unit: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "unit": self.unit}


@runtime_checkable
class Section(Protocol):
    """One analyzer's result.

    * ``to_dict`` / ``from_dict``: the JSON form and back to an equal typed object;
    * ``evidence``: every span a face highlights (each quote slices the article text);
    * ``measures``: the numbers compare and summaries read (``article`` gives lengths for rates).
    """

    def to_dict(self) -> Any: ...

    @classmethod
    def from_dict(cls, d: Any) -> Self: ...

    def evidence(self) -> Iterable[Evidence]: ...

    def measures(self, article: Article) -> Mapping[str, Measure]: ...
