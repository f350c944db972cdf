"""Analysis: an article with the typed section of every analyzer that ran.

``Analysis.to_dict()`` is the versioned JSON form (``schema_version``); a
section's key is its analyzer's name. ``Analysis.from_dict`` restores typed
sections through ``section_types`` (by default :data:`framing.schema.sections.SECTION_TYPES`),
so an analysis read back from the corpus store is the same type as a fresh one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.schema.article import Article
from framing.schema.errors import SchemaError
from framing.schema.section import Section
from framing.schema.sections import SECTION_TYPES
from framing.schema.tables import analysis_rows, to_frames
from framing.schema.validate import validate

SCHEMA_VERSION = "2.0"
_TOP = ("schema_version", "framing_version", "article", "provenance")


@dataclass(frozen=True, eq=False)
class Analysis:
    """One article and its sections (analyzer name -> typed section), in pipeline order."""

    article: Article
    sections: Mapping[str, Section]
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        """The JSON value under ``key`` (``analysis["actors"]`` is what ``to_dict()["actors"]`` is)."""
        return self.to_dict()[key]

    def section(self, name: str) -> Section | None:
        return self.sections.get(name)

    def to_dict(self) -> dict[str, Any]:
        cached = getattr(self, "_dict_cache", None)
        if cached is not None:
            return cached
        d: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "framing_version": self.provenance.get("framing_version", ""),
            "article": self.article.to_dict(),
        }
        for name, sec in self.sections.items():
            d[name] = sec.to_dict()
        d["provenance"] = dict(self.provenance)
        object.__setattr__(self, "_dict_cache", d)
        return d

    def to_json(self, **kw: Any) -> str:
        kw.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kw)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, section_types: Mapping[str, type[Section]] | None = None) -> Analysis:
        """Restore an analysis from its JSON form; raises :class:`SchemaError` on a foreign shape."""
        if not isinstance(d, Mapping) or "article" not in d:
            raise SchemaError("an analysis must be a JSON object with an 'article'")
        version = str(d.get("schema_version", ""))
        if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise SchemaError(f"analysis schema_version {version!r} is not {SCHEMA_VERSION!r}; analyse the article again with this framing")
        types = SECTION_TYPES if section_types is None else section_types
        sections: dict[str, Section] = {}
        for key, value in d.items():
            if key in _TOP:
                continue
            if key not in types:
                raise SchemaError(f"analysis section {key!r} is unknown to this framing (known: {', '.join(types)})")
            try:
                sections[key] = types[key].from_dict(value)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                if isinstance(exc, SchemaError):
                    raise
                raise SchemaError(f"analysis section {key!r} is malformed ({type(exc).__name__}: {exc}); "
                                  "analyse the article again with this framing") from None
        prov = dict(d.get("provenance") or {})
        prov.setdefault("framing_version", d.get("framing_version", ""))
        return cls(Article.from_dict(d["article"]), sections, prov)

    def validate(self) -> list[str]:
        """Offset problems of the JSON form (empty when every span slices the text to its quote)."""
        return validate(self.to_dict())

    def to_rows(self) -> dict[str, list[dict[str, Any]]]:
        """The tables ``articles``, ``findings``, ``actors``, ``attributions`` as lists of dicts
        (see :mod:`framing.schema.tables`; no pandas needed)."""
        return analysis_rows(self)

    def to_frames(self) -> dict[str, Any]:
        """The same tables as pandas DataFrames (pandas is optional: ``pip install 'framing-analyzer[tables]'``).

        ``frames["findings"]`` has one row per evidence span (``section``, ``rule``, ``start``, ``end``, ``quote``,
        ``weight``); ``frames["articles"]`` one row with every measure as a ``<section>.<measure>`` column.
        """
        return to_frames(self.to_rows())


def actor_cards(analysis: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One dict per actor joining the ``actors``, ``stance`` and ``roles`` sections of an analysis's JSON.

    Each card is the actor (name, kind, aliases, affiliation, mentions, salience,
    mention_spans) followed by its stance fields (stance, stance_label, labels,
    evidence ...) and, when the analysis has a roles section, its narrative role as ``role`` (hero / villain /
    victim / None), ``role_confidence``, ``role_probabilities``, ``role_acts`` (the harms / harmed / helps /
    helped counts) and ``role_evidence``; actors in the ``actors`` section's order (most mentioned first). The
    sections list the same actors in the same order (names may repeat, so they are joined by position).
    """
    actors = list(analysis.get("actors") or [])
    stance = list(analysis.get("stance") or [])
    roles = list(analysis.get("roles") or [])
    for sec, items in (("stance", stance), ("roles", roles)):
        if items and len(items) != len(actors):
            raise SchemaError(f"the {sec} section has {len(items)} actors, the actors section {len(actors)}")
    cards = []
    for i, a in enumerate(actors):
        card = dict(a)
        for sec, items in (("stance", stance), ("roles", roles)):
            if items and items[i].get("name") != a.get("name"):
                raise SchemaError(f"{sec} entry {i} is for {items[i].get('name')!r}, actor {i} is {a.get('name')!r}")
        if stance:
            card.update({k: v for k, v in stance[i].items() if k != "name"})
        if roles:
            r = roles[i]
            card.update({"role": r.get("role"), "role_confidence": r.get("confidence"),
                         "role_probabilities": r.get("probabilities") or {},
                         "role_acts": {k: r.get(k, 0) for k in ("harms", "harmed", "helps", "helped")},
                         "role_evidence": r.get("evidence") or []})
        cards.append(card)
    return cards
