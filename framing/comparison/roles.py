"""Roles per outlet (rule ``compare.roles``): who each outlet casts as villain, hero or victim.

For the target and each peer, the roles section of its analysis (one entry per
actor, joined by position with the actors section for the aliases) gives each
actor's narrative role or none (the analyzer abstained). Actors are matched
across articles by canonical name, then by a name found among another
article's aliases (as in the stance matrix, :mod:`framing.comparison.matrix`).
:func:`roles_by_outlet` returns

* ``outlets`` — ``{"id", "outlet", "lean"}`` per article, target first;
* ``rows`` — per actor cast in at least one article: the role and confidence
  in each article that names it (``None`` role where it is named without one),
  and how many articles cast it as each role (``counts``);
* ``by_outlet`` — per article id: the actor names it casts as ``villain``,
  ``hero`` and ``victim``.

A role is what the story makes of an actor (who harms, who is harmed, who
resolves), not the outlet's stance toward it; two outlets can both cast an
actor as victim and judge it differently.

Known limits: actors are matched by name strings only; an analysis without a
roles section (made before the analyzer existed) contributes no roles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from framing.comparison.docs import Doc
from framing.comparison.matrix import actor_keys

__all__ = ["ROLES", "RULES", "roles_by_outlet"]

ROLES = ("villain", "hero", "victim")
RULES: dict[str, str] = {"compare.roles": "the narrative role each outlet gives each actor (roles analyzer), side by side"}


def _entries(d: Doc) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """(actor, role entry) pairs of one article, joined by position (names must agree)."""
    actors = list(d.data.get("actors") or [])
    roles = list(d.data.get("roles") or [])
    return [(a, r) for a, r in zip(actors, roles) if isinstance(a, Mapping) and isinstance(r, Mapping)
            and a.get("name") == r.get("name")]


def roles_by_outlet(target: Doc, peers: Sequence[Doc], *, max_rows: int = 30) -> dict[str, Any]:
    """Who each article casts as villain / hero / victim (see the module docstring); rows most often cast first."""
    docs = [target, *peers]
    rows: list[dict[str, Any]] = []
    by_key: dict[str, int] = {}
    key_first: dict[str, int] = {}  # key -> the first row whose keys hold it (an index instead of a scan of every row)
    name_row: dict[str, int] = {}  # a row's name key -> the row
    for d in docs:
        for a, r in _entries(d):
            name, keys = actor_keys(a)
            if not name:
                continue
            i = by_key.get(name)
            if i is None:
                found = [j for j in (key_first.get(name), *(name_row.get(k) for k in keys)) if j is not None]
                i = min(found) if found else -1
            if i < 0:
                rows.append({"actor": a.get("name"), "name_key": name, "keys": set(), "cells": {}})
                i = len(rows) - 1
                name_row[name] = i
            by_key[name] = i
            rows[i]["keys"] |= keys
            for k in keys:
                if key_first.get(k, i) >= i:
                    key_first[k] = i
            cell = {"role": r.get("role"), "confidence": r.get("confidence")}
            old = rows[i]["cells"].get(d.id)
            if old is None or (old["role"] is None and cell["role"] is not None):
                rows[i]["cells"][d.id] = cell
    out_rows = []
    for row in rows:
        counts = {k: sum(1 for c in row["cells"].values() if c["role"] == k) for k in ROLES}
        if sum(counts.values()):
            out_rows.append({"actor": row["actor"], "cells": row["cells"], "counts": counts})
    out_rows.sort(key=lambda r: (-sum(r["counts"].values()), -("target" in r["cells"]), r["actor"] or ""))
    by_outlet: dict[str, dict[str, list[Any]]] = {d.id: {k: [] for k in ROLES} for d in docs}
    for row in out_rows:  # one pass over the rows (not one per article): the lists keep the rows' order
        for doc_id, c in row["cells"].items():
            if c["role"] in ROLES and doc_id in by_outlet:
                by_outlet[doc_id][c["role"]].append(row["actor"])
    return {"outlets": [{"id": d.id, "outlet": d.outlet, "lean": d.lean} for d in docs], "rows": out_rows[:max_rows],
            "by_outlet": by_outlet}
