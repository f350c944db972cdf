"""The report model: the blocks every format renders.

A :class:`Report` is a title page and an ordered list of :class:`Section`
objects, each a list of blocks (:class:`Para`, :class:`Bullets`,
:class:`Table`, :class:`Chart`, :class:`Highlighted`, :class:`Cards`,
:class:`Facts`). The builders in :mod:`framing.report.sections` make a Report
from an Analysis or a Comparison; the renderers in :mod:`framing.report.render`
(HTML, Markdown, PDF, notebook) walk the same model, so a number in the PDF is
the number in the JSON. Every finding shown carries its offsets
(``[start–end]``) so a reader can check it against the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup


@dataclass(frozen=True)
class Quote:
    """A quotation from an article, with its offsets; ``source`` names a peer article when it is not the target."""

    text: str
    start: int | None = None
    end: int | None = None
    source: str = ""
    note: str = ""  # shown after the quotation, outside the quotation marks

    def ref(self) -> str:
        where = f"{self.start}–{self.end}" if self.start is not None else ""
        if self.source:
            return f"{self.source}{', ' if where else ''}{where}"
        return where


@dataclass(frozen=True)
class Para:
    text: str
    cls: str = ""


@dataclass(frozen=True)
class Bullets:
    items: tuple[Any, ...]  # str or tuple of (str | Quote) pieces


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]  # cells: str, number, Quote or None
    caption: str = ""
    numeric: tuple[int, ...] = ()  # right-aligned column indices
    cls: str = ""


@dataclass(frozen=True)
class Chart:
    svg: str
    caption: str
    title: str = ""


@dataclass(frozen=True)
class LegendItem:
    kind: str
    code: str
    label: str
    count: int = 0
    extra: str = ""  # css modifier, e.g. "quoted"


@dataclass(frozen=True)
class Highlighted:
    html: Markup
    legend: tuple[LegendItem, ...]
    note: str = ""


@dataclass(frozen=True)
class Card:
    title: str
    subtitle: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    evidence: tuple[tuple[str, Quote], ...] = ()  # (what it shows, quote)
    note: str = ""


@dataclass(frozen=True)
class Cards:
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Facts:
    pairs: tuple[tuple[str, str], ...]
    cls: str = ""  # "defs": long definitions, term above its text


Block = Para | Bullets | Table | Chart | Highlighted | Cards | Facts


@dataclass
class Section:
    id: str
    title: str
    blocks: list = field(default_factory=list)
    new_page: bool = True
    cls: str = ""

    def add(self, *blocks: Any) -> Section:
        self.blocks.extend(b for b in blocks if b is not None)
        return self


@dataclass
class Report:
    """The model every format renders.

    ``kind`` is ``analysis`` or ``comparison``; ``title_facts`` are the
    title-page lines; ``peers_by_lean`` lists the peer outlets under each lean
    (comparison reports only); ``sections`` in reading order.
    """

    kind: str
    title: str
    subtitle: str
    title_facts: list[tuple[str, str]]
    sections: list[Section]
    peers_by_lean: dict[str, list[str]] = field(default_factory=dict)
    generated_at: str = ""
    version: str = ""
    source_text: str = ""  # the target's Article.text (for checking highlights)

    def section(self, ident: str) -> Section | None:
        return next((s for s in self.sections if s.id == ident), None)
