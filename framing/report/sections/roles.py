"""Report builder of the roles section: the actors the story casts as hero, villain or victim, with the evidence.

Reads the analysis JSON (``"actors"`` and ``"roles"``, joined by position).
:func:`facts` gives the lines an actor card adds (role with its confidence, act
counts); :func:`section` a table of every actor with a role and its strongest
passages; :func:`summary` one bullet. A role is the story's casting, not the
author's stance: the section says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from framing.report.model import Para, Quote, Section, Table
from framing.report.sections.common import clip, fmt, quote_at

__all__ = ["comparison_section", "facts", "section", "summary"]

MAX_EVIDENCE = 2


def _entries(d: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [r for r in d.get("roles") or [] if isinstance(r, Mapping)]


def facts(r: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """An actor card's role lines: the role and its confidence (or why none is shown), and the act counts."""
    if not r:
        return []
    role = r.get("role")
    shown = f"{role} (p {fmt(r.get('confidence'), 2)})" if role else "none shown (evidence too weak)"
    return [("narrative role", shown),
            ("harms / harmed / helps / helped", f"{r.get('harms', 0)} / {r.get('harmed', 0)} / {r.get('helps', 0)} / {r.get('helped', 0)}")]


def _evidence(r: Mapping[str, Any], text: str) -> tuple[Any, ...]:
    ev = sorted(r.get("evidence") or [], key=lambda e: -(e.get("weight") or 0.0))
    out: list[Any] = []
    for e in ev[:MAX_EVIDENCE]:
        q = quote_at(e, text)
        if q:
            out.append(Quote(clip(q.text, 80), q.start, q.end, note=str(e.get("detail") or e.get("rule") or "")))
    return tuple(out)


def section(d: Mapping[str, Any]) -> Section:
    """The "Narrative roles" section: a table of the actors given a role, with their strongest passages."""
    sec = Section("roles", "Narrative roles")
    entries = [r for r in _entries(d) if r.get("role")]
    if not entries:
        return sec.add(Para("No actor has a narrative role with enough evidence (or the roles analyzer did not run)."))
    text = d["article"]["text"]
    sec.add(Para("Who the story casts as hero, villain or victim: who harms, who is harmed, who protects or resolves. "
                 "A role is the story's casting, not the author's stance toward the actor."))
    rows = tuple((r.get("name"), r.get("role"), fmt(r.get("confidence"), 2),
                  f"{r.get('harms', 0)} / {r.get('harmed', 0)} / {r.get('helps', 0)}", *(_evidence(r, text) or ("–",))[:1])
                 for r in entries)
    return sec.add(Table(("actor", "role", "p", "harms / harmed / helps", "strongest passage"), rows,
                         "Actors with a narrative role (the analyzer abstains on the others).", numeric=(2,), cls="small"))


def summary(d: Mapping[str, Any]) -> list[str]:
    """One bullet naming the villains, heroes and victims the story casts (none when no actor has a role)."""
    entries = _entries(d)
    parts = []
    for role, word in (("villain", "villain"), ("hero", "hero"), ("victim", "victim")):
        names = [str(r.get("name")) for r in entries if r.get("role") == role]
        if names:
            parts.append(f"{word}{'s' if len(names) > 1 else ''}: {', '.join(names[:4])}")
    return [f"Narrative roles — {'; '.join(parts)} (the story's casting, not a stance)."] if parts else []


def comparison_section(rc: Mapping[str, Any], *, max_rows: int = 15) -> Section:
    """The comparison's "Who casts whom" page from :func:`framing.comparison.roles.roles_by_outlet`'s JSON: per actor,
    the target's role and how many articles cast it as villain, hero and victim."""
    sec = Section("roles-comparison", "Narrative roles across outlets", new_page=False)
    rows_in = [r for r in rc.get("rows") or [] if isinstance(r, Mapping)]
    if not rows_in:
        return sec.add(Para("No article in this comparison gives an actor a narrative role with enough evidence."))
    n = len(rc.get("outlets") or [])
    sec.add(Para(f"How the {n} articles cast each actor (the roles analyzer abstains where the evidence is weak, so "
                 "counts are of articles that give a role). A role is the story's casting, not a stance."))
    rows = []
    for r in rows_in[:max_rows]:
        t = (r.get("cells") or {}).get("target") or {}
        c = r.get("counts") or {}
        rows.append((r.get("actor"), t.get("role") or ("named, no role" if t else "not named"),
                     c.get("villain", 0), c.get("hero", 0), c.get("victim", 0)))
    return sec.add(Table(("actor", "in the target", "villain", "hero", "victim"), tuple(rows),
                         "Articles casting each actor in each role (target included).", numeric=(2, 3, 4), cls="small"))
