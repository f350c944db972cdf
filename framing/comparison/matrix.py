"""Stance matrix (rule ``compare.stance_matrix``): actor x outlet, how each outlet's author treats each actor.

A cell holds the author's-voice stance toward the actor in that article (in
[-1, 1]; the overall stance when the author's is missing), its label, the
actor's mentions and the labels the outlet itself pins on the actor (labels in
quoted voice are the speaker's, not the outlet's, and are left out). Actors are
matched across articles by canonical name first, then by a name found among
another article's aliases (``Republic of Velmora`` with alias ``Velmora`` joins
the ``Velmora`` row). A row is kept when the target names the actor or enough
peers do (at least 2, and at least 10% of the peers); at most ``max_rows`` rows.

Known limits: two different people sharing a surname alias may be merged; the
per-actor cards come from :func:`framing.schema.actor_cards`.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from framing.comparison.docs import Doc
from framing.comparison.text import norm_name
from framing.schema import actor_cards
from framing.schema.comparison import StanceMatrix


def _num(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, Mapping):
        return _num(v.get("value"))
    return None


def _labels(actor: Mapping[str, Any]) -> list[str]:
    """The author's-voice labels of an actor card, de-duplicated case-insensitively (first spelling kept)."""
    out = []
    for lab in actor.get("labels") or []:
        if isinstance(lab, str):
            out.append(lab)
        elif isinstance(lab, Mapping):
            if lab.get("voice") not in (None, "author"):
                continue
            s = lab.get("label") or lab.get("term") or lab.get("quote") or lab.get("text")
            if s:
                out.append(str(s))
    seen, uniq = set(), []
    for s in out:
        if s.lower() not in seen:
            seen.add(s.lower())
            uniq.append(s)
    return uniq


def actor_keys(actor: Mapping[str, Any]) -> tuple[str, set[str]]:
    """An actor card's name key and all its keys (name and aliases, normalised by :func:`norm_name`)."""
    name = norm_name(str(actor.get("name") or ""))
    keys = {name} | {norm_name(str(a)) for a in actor.get("aliases") or [] if a}
    keys.discard("")
    return name, keys


class _ActorIndex:
    """Match actors across articles: by canonical name first, then by a name found among another's aliases."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.by_name: dict[str, int] = {}
        self.key_first: dict[str, int] = {}  # key -> the first row whose keys hold it (an index instead of a scan of every row)
        self.name_row: dict[str, int] = {}  # a row's name key -> the row

    def find_or_add(self, actor: Mapping[str, Any]) -> int:
        name, keys = actor_keys(actor)
        if not name:
            return -1
        if name in self.by_name:
            i = self.by_name[name]
        else:
            i = self.key_first.get(name, -1)
            if i < 0:
                i = min((self.name_row[k] for k in keys if k in self.name_row), default=-1)
            if i < 0:
                self.rows.append({"actor": actor.get("name"), "kind": actor.get("kind"), "name_key": name, "keys": set(), "aliases": [], "cells": {}})
                i = len(self.rows) - 1
                self.name_row[name] = i
            self.by_name[name] = i
        row = self.rows[i]
        row["keys"] |= keys
        for k in keys:
            if self.key_first.get(k, i) >= i:
                self.key_first[k] = i
        for a in [actor.get("name"), *(actor.get("aliases") or [])]:
            if a and a not in row["aliases"] and a != row["actor"]:
                row["aliases"].append(a)
        return i

    def add_cell(self, i: int, doc_id: str, actor: Mapping[str, Any]) -> None:
        """Record ``actor`` in ``doc_id``'s cell of row ``i``; the best-mentioned variant wins, labels are pooled."""
        stance = _num(actor.get("stance_author"))
        if stance is None:
            stance = _num(actor.get("stance"))
        m = actor.get("mentions")
        mentions = int(m if isinstance(m, int) else len(m or []))
        n_ev = actor.get("n_evidence_author")  # given by a light card (framing.comparison.docs), else counted
        if not isinstance(n_ev, int):
            n_ev = sum(1 for e in actor.get("evidence") or [] if isinstance(e, Mapping) and e.get("voice", "author") == "author")
        new = {"stance": stance, "stance_label": actor.get("stance_label"), "mentions": mentions, "labels": _labels(actor),
               "n_evidence": n_ev}  # evidence items behind the author's-voice stance
        cell = self.rows[i]["cells"].get(doc_id)
        if cell is None or mentions > cell["mentions"]:
            if cell is not None:
                new["labels"] = list(dict.fromkeys(new["labels"] + cell["labels"]))
            self.rows[i]["cells"][doc_id] = new


def stance_matrix(target: Doc, peers: Sequence[Doc], max_rows: int = 30) -> StanceMatrix:
    """The actor x outlet matrix; rows ordered: actors the target mentions first, then by number of articles, then name."""
    idx = _ActorIndex()
    docs = [target, *peers]
    for d in docs:
        for a in actor_cards(d.data):
            if not isinstance(a, Mapping):
                continue
            i = idx.find_or_add(a)
            if i >= 0:
                idx.add_cell(i, d.id, a)
    rows = []
    for r in idx.rows:
        peer_vals = [c["stance"] for k, c in r["cells"].items() if k != "target" and c["stance"] is not None]
        n = sum(1 for k in r["cells"] if k != "target")
        if "target" not in r["cells"] and n < max(2, math.ceil(0.1 * len(peers))):
            continue
        rows.append({
            "actor": r["actor"], "kind": r["kind"], "aliases": r["aliases"], "cells": r["cells"],
            "peers_median": float(statistics.median(peer_vals)) if peer_vals else None, "n_peers": n,
        })
    rows.sort(key=lambda r: (-("target" in r["cells"]) * (r["cells"].get("target", {}).get("mentions", 0) > 0),
                             -(r["n_peers"] + ("target" in r["cells"])), r["actor"] or ""))
    return StanceMatrix(tuple({"id": d.id, "outlet": d.outlet, "lean": d.lean} for d in docs), tuple(rows[:max_rows]))
