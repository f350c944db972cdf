"""Omitted facts (rule ``compare.claim.omitted``): what several peers report and the target states nowhere.

A peer fact is a judged peer sentence (:attr:`framing.comparison.facts.Fact.judged`:
checkable, in the outlet's voice, not furniture, not a question) with a predicate
class and at least two participants. Its *signatures* are ``(predicate class,
participant, participant)`` triples (at most :data:`MAX_ENTITIES` participants per
sentence; headlines are left out). A signature reported by peers from at least ``max(3, 15%)`` of the
outlets (articles long enough for the measures count toward the share) is a
*common fact* when, besides, that many of those sentences (one per article) are
worded like one another (cosine >= 0.6 x ``support_sim`` to the group's medoid), unless its two participants are the story's topic (named together
in at least a quarter of the peer articles, whatever the predicate). When the
target and a peer both carry a publication date, a peer published after the target
does not count (the target could not have reported what happened later).

A common fact is **stated** by the target when any target sentence, of any kind
(quotes and unjudged sentences included: the target may say it in a quote or in
other words), carries one of the peer report's predicate classes and both participants, or shares its predicate class and a
participant with wording close to a peer's report (cosine >= 0.6 x ``support_sim``),
(the two participants may be named in the sentence before or after it), or is worded like it (cosine >= ``support_sim``). Otherwise it is listed as omitted,
once per group of signatures reported in the same peer sentence, most-reported first,
with up to four peers' sentences and the closest target sentence (the one sharing
most of its participants, then the closest wording).

Counting is linear in the number of peer sentences (a dictionary of signatures);
the only similarities computed are those of a few representative peer sentences
against the target's sentences (sparse products).
Known limits: surface names and predicate classes; a fact told without two
names ("the strike killed him") has no signature.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Any

from framing.comparison.docs import Doc
from framing.comparison.facts import Fact

if TYPE_CHECKING:
    from framing.comparison.claims import Aligned

MAX_ENTITIES = 6
MAX_EVIDENCE = 4
TOPIC_SHARE = 0.25
COMMON_SHARE = 0.1
MAX_GROUP = 300
CLOSEST_SIM = 0.1
TOPIC_MIN = 5  # with few peers there is no topic to tell apart


def signatures(f: Fact, limit: int | None = MAX_ENTITIES) -> set[tuple[str, str, str]]:
    """``(predicate class, participant, participant)`` triples of one fact (participants sorted; the ``limit`` longest names)."""
    ents = sorted(sorted(f.entities, key=lambda e: (-len(e), e))[:limit]) if limit else sorted(f.entities)
    return {(p, a, b) for p in f.preds for a, b in combinations(ents, 2)}


def _topic_pairs(al: Aligned, n_docs: int) -> set[tuple[str, str]]:
    """Pairs of participants named together in at least ``TOPIC_SHARE`` of the peer articles: the story's topic, not a fact of it."""
    docs_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in al.p_facts:
        for a, b in combinations(sorted(sorted(f.entities, key=lambda e: (-len(e), e))[:MAX_ENTITIES]), 2):
            docs_of[(a, b)].add(f.doc.id)
    return {pair for pair, d in docs_of.items() if len(d) >= max(TOPIC_SHARE * n_docs, TOPIC_MIN)}


def _stated(al: Aligned, rep: Fact, sig: tuple[str, str, str], sims: Any, support_sim: float) -> bool:
    p, a, b = sig
    facts = al.t_facts
    for i, t in enumerate(facts):
        if t.furniture:
            continue
        window = [f for f in facts[max(0, i - 1) : i + 2] if not f.furniture]  # a fact told over two sentences
        if t.preds & (rep.preds | {p}) and all(any(x in f.entities for f in window) for x in (a, b)):
            return True
        if sims[i] >= support_sim:
            return True
        if sims[i] >= 0.6 * support_sim and t.preds & rep.preds and t.entities & rep.entities:
            return True
    return False


def _closest(al: Aligned, rep: Fact, sims: Any) -> dict[str, Any] | None:
    best = max(range(len(al.t_facts)), key=lambda i: (len(al.t_facts[i].entities & rep.entities) + (1 if al.t_facts[i].preds & rep.preds else 0),
                                                     sims[i]), default=None)
    if best is None or sims[best] < CLOSEST_SIM:
        return None  # nothing in the target is about it: say so rather than show an unrelated sentence
    t = al.t_facts[best]
    return {"start": t.start, "end": t.end, "quote": t.quote, "similarity": round(float(sims[best]), 4),
            "common_names": sorted(t.entities & rep.entities)}


def _date(doc: Doc) -> str:
    """The article's publication date as ``YYYY-MM-DD`` ("" when unknown)."""
    return str(doc.article.published or "")[:10]


def _coherent(al: Aligned, js: list[int], support_sim: float) -> tuple[int, list[int]]:
    """The medoid of the sentences carrying one signature and the sentences (one per article) worded like it.

    Sharing a signature is not enough: the sentences must also tell the same thing
    (cosine >= 0.6 x ``support_sim`` to the medoid). At most MAX_GROUP sentences are compared.
    """
    import numpy as np  # lazy: heavy (numpy)

    js = js[:MAX_GROUP]
    M = (al.P[js] @ al.P[js].T).toarray()
    docs = [al.p_facts[j].doc.id for j in js]
    best, best_members = js[0], [js[0]]
    for a in range(len(js)):
        seen, members = {docs[a]}, [js[a]]
        for b in np.argsort(-M[a]):
            if M[a][b] < 0.6 * support_sim:
                break
            if docs[b] not in seen:
                seen.add(docs[b])
                members.append(js[b])
        if len(members) > len(best_members):
            best, best_members = js[a], members
    return best, best_members


def find(peers: Sequence[Doc], al: Aligned, *, support_sim: float, max_items: int) -> list[dict[str, Any]]:
    """Common peer facts the target does not state (see the module docstring), at most ``max_items``."""
    n_full = sum(1 for p in peers if p.in_measures) or len(peers)
    need = max(3, math.ceil(COMMON_SHARE * n_full))
    docs_of: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    carriers: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    t_date = _date(al.t_facts[0].doc) if al.t_facts else ""
    for j, f in enumerate(al.p_facts):
        if not f.judged or f.start < f.doc.article.body_start:  # a headline is a summary, not a report of the fact
            continue
        if t_date and _date(f.doc) > t_date:
            continue  # published after the target: the target could not have reported it
        for s in signatures(f):
            if f.doc.id not in docs_of[s]:
                docs_of[s].add(f.doc.id)
                carriers[s].append(j)
    topic = _topic_pairs(al, len(peers))
    common = sorted((s for s, d in docs_of.items() if len(d) >= need and s[1:] not in topic), key=lambda s: (-len(docs_of[s]), s))
    covered: set[tuple[str, str, str]] = set()
    out: list[dict[str, Any]] = []
    for sig in common:
        if sig in covered or len(out) >= max_items:
            continue
        rep_j, members = _coherent(al, carriers[sig], support_sim)
        if len(members) < need:
            continue  # the sentences share names and a predicate class but tell different things
        rep = al.p_facts[rep_j]
        covered |= signatures(rep)
        sims = (al.T @ al.P[rep_j].T).toarray().ravel()
        if _stated(al, rep, sig, sims, support_sim):
            continue
        evid = [{"text_id": al.p_facts[j].doc.id, "outlet": al.p_facts[j].doc.outlet, "lean": al.p_facts[j].doc.lean,
                 "start": al.p_facts[j].start, "end": al.p_facts[j].end, "quote": al.p_facts[j].quote, "relation": "supports"}
                for j in members[1 : MAX_EVIDENCE + 1]]
        n = len(members)
        out.append({"text_id": rep.doc.id, "outlet": rep.doc.outlet, "lean": rep.doc.lean, "start": rep.start, "end": rep.end,
                    "quote": rep.quote, "rule": "compare.claim.omitted", "n_peers": n, "share_peers": round(n / max(len(peers), 1), 4),
                    "signature": list(sig), "numbers": sorted(str(x) for x in rep.numbers), "entities": sorted(rep.entities),
                    "peer_evidence": evid, "closest_target": _closest(al, rep, sims)})
    return out
