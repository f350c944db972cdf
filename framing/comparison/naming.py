"""Naming (rule ``compare.naming``): which of several names for the same referent each outlet uses.

The alternatives come from ``lexicons/naming.tsv`` (killing / assassination /
strike; regime / government ...), one row per term with its referent. Matching
is on whole words, with an optional plural s/es, hyphens or spaces between the
words of a term, left to right, longest term first where several start, case-insensitive, no overlaps.

Each use is split by voice: ``author`` (the outlet's own words) or ``quoted``
(inside a direct quote of the analysis's attribution section: a speaker's word,
not the outlet's choice). ``counts`` are the author's uses; ``quoted_counts`` the quoted ones.

Known limits: surface forms only: "the strike" about a labour strike counts as
a name for the lethal strike; the lexicon decides which alternatives exist.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from framing.comparison.docs import Doc
from framing.resources import lexicons


@functools.cache
def _pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str]], re.Pattern[str]]:
    """One alternation of every term (longest first, so the longest term wins where several start), form -> (term, referent),
    and the places where a term may start: a zero-width pattern over the terms' first words, as a trie (one branch per
    letter, so each place costs a few steps, not one try per term)."""
    entries = sorted(lexicons.load("naming").entries, key=lambda e: -len(e["term"]))
    bodies = [r"[\s\-]+".join(re.escape(w) for w in e["term"].split()) for e in entries]
    pat = re.compile(rf"(?<![\w\-])(?:{'|'.join(bodies)})(?:s|es)?(?![\w\-])", re.IGNORECASE)
    starts = re.compile(rf"(?<![\w\-])(?={_trie({e['term'].split()[0] for e in entries})})", re.IGNORECASE)
    return pat, {" ".join(e["term"].lower().split()): (e["term"], e["referent"]) for e in entries}, starts


def _trie(words: set[str]) -> str:
    """A regular expression matching exactly ``words``, as a trie of escaped characters (common prefixes shared)."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + ("?" if "" in node else "")

    return build(root)


def _term_of(match: str, forms: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    key = " ".join(re.split(r"[\s\-]+", match.lower()))
    for cut in (0, 2, 1):  # the term itself, then without a plural -es or -s
        k = key[: len(key) - cut] if cut else key
        if k in forms:
            return forms[k]
    return None


def naming_hits(text: str) -> list[tuple[str, str, int, int]]:
    """``(term, referent, start, end)`` for every naming choice in ``text`` (left to right, longest term first, no overlaps).

    The same matches as ``finditer`` of the whole lexicon's alternation, found faster: the alternation is tried only
    where a term's first word starts (the trie of :func:`_pattern`), left to right, after the previous match's end.
    """
    pat, forms, starts = _pattern()
    hits = []
    last = 0
    for s in starts.finditer(text):
        if s.start() < last:
            continue
        m = pat.match(text, s.start())
        if m is None:
            continue
        last = m.end()
        tr = _term_of(m.group(), forms)
        if tr is not None:
            hits.append((tr[0], tr[1], m.start(), m.end()))
    return hits


def _split(hits: list[tuple[str, str, int, int]], quotes: Sequence[tuple[int, int]]) -> tuple[list, list]:
    """Hits in the author's voice and hits inside a direct quote."""
    author: list[tuple[str, str, int, int]] = []
    quoted: list[tuple[str, str, int, int]] = []
    for h in hits:
        (quoted if any(qs <= h[2] < qe for qs, qe in quotes) else author).append(h)
    return author, quoted


def by_referent(target: Doc, peers: Sequence[Doc]) -> list[dict[str, Any]]:
    """One row per referent used by the target or a peer: the target's counts and examples, each peer's, and the peers' totals.

    Counts are the outlet's own uses (author's voice); uses inside direct quotes are counted apart (``quoted_counts``).
    """
    refs: dict[str, list[str]] = defaultdict(list)
    for e in lexicons.load("naming").entries:
        refs[e["referent"]].append(e["term"])
    t_auth, t_quoted = _split(naming_hits(target.text), target.direct_quote_spans())
    p_hits: dict[str, dict[str, tuple[list, list]]] = {}  # peer id -> referent -> (author's hits, quoted hits); one pass per peer
    for p in peers:
        auth, quoted = _split(naming_hits(p.text), p.direct_quote_spans())
        mine: dict[str, tuple[list, list]] = {}
        for h in auth:
            mine.setdefault(h[1], ([], []))[0].append(h)
        for h in quoted:
            mine.setdefault(h[1], ([], []))[1].append(h)
        p_hits[p.id] = mine
    out = []
    for ref, terms in refs.items():
        th = [h for h in t_auth if h[1] == ref]
        tq = [h for h in t_quoted if h[1] == ref]
        by_outlet = []
        total: Counter = Counter()
        total_q: Counter = Counter()
        for p in peers:
            ph, pq = p_hits[p.id].get(ref, ([], []))
            total_q.update(h[0] for h in pq)
            if not ph and not pq:
                continue
            c = Counter(h[0] for h in ph)
            total.update(c)
            by_outlet.append({
                "id": p.id, "outlet": p.outlet, "lean": p.lean, "counts": dict(c), "quoted_counts": dict(Counter(h[0] for h in pq)),
                "examples": [{"text_id": p.id, "term": t, "start": s, "end": e, "quote": p.text[s:e]} for t, _, s, e in ph[:3]],
            })
        if not (th or tq) and not by_outlet:
            continue
        out.append({
            "referent": ref,
            "terms": terms,
            "target": {"counts": dict(Counter(h[0] for h in th)), "quoted_counts": dict(Counter(h[0] for h in tq)),
                       "examples": [{"term": t, "start": s, "end": e, "quote": target.text[s:e], "voice": "author"} for t, _, s, e in th]
                       + [{"term": t, "start": s, "end": e, "quote": target.text[s:e], "voice": "quoted"} for t, _, s, e in tq]},
            "by_outlet": by_outlet,
            "peers_total": dict(total.most_common()),
            "peers_quoted_total": dict(total_q.most_common()),
        })
    return out
