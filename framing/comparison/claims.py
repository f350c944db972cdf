"""Claims (rules ``compare.claim.uncorroborated``, ``compare.claim.contradicted``, ``compare.claim.omitted``).

A sentence is *checkable* when it carries a number, a casualty word, or an
event verb with a named entity (cues in ``lexicons/claim_cues.tsv``). Sentences
are the parser's (:meth:`framing.comparison.docs.Doc.sentences`); a sentence mostly
inside a direct quote is the speaker's claim, not the outlet's, and is not judged.

Sentences are aligned across articles by TF-IDF cosine over content words
(names mapped to their actor's canonical name, demonyms to their country when
that country is named: Iranian -> iran). A peer sentence *supports* a target
sentence when the wording is close (cosine >= ``support_sim``) and they share an
entity, or in a paraphrase (cosine >= 0.6 x ``support_sim``) with the same
figures or two shared names; its numbers (> 1) must include the target's.

* **uncorroborated**: a checkable target sentence no peer sentence supports
  (strongest first: more kinds of checkable content, casualty counts first);
* **contradicted**: a casualty count in the target where, in a passage about
  the same event (the peer sentence with its neighbours, cosine >= ``related_sim``),
  more peers report none (``no casualties``, ``no Americans were harmed``) or
  another count of the same kind for the same people than support it;
* **omitted**: a checkable peer sentence that peers in at least max(3, 15%) of
  the outlets report and no target sentence matches.

Known limits: alignment is lexical, so a fact reported by a peer in other words
may still be listed as uncorroborated; entity matching relies on the actors'
aliases plus a crude demonym rule.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from framing.comparison.docs import Doc
from framing.comparison.matrix import actor_keys
from framing.comparison.text import norm_name, stopwords, tokens
from framing.resources import lexicons
from framing.schema import actor_cards
from framing.schema.comparison import Claims

SUPPORT_SIM = 0.3
RELATED_SIM = 0.15
MAX_ITEMS = 15

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
_CAP = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z][a-zA-Z’'\-]+(?:\s+[A-Z][a-zA-Z’'\-]+)*")
_CASUALTY = ("killed", "injured", "casualty")


@dataclass
class _Sent:
    """One sentence of one article, with what the claim check needs from it."""

    doc: Doc
    i: int  # index among the doc's sentences
    start: int
    end: int
    numbers: set[int]
    entities: set[str]
    casualty: dict[str, Any] | None
    negated_casualty: bool
    checkable: list[str]
    in_quote: bool

    @property
    def quote(self) -> str:
        return self.doc.text[self.start : self.end]


@functools.cache
def _cue_table() -> dict[str, tuple[str, str]]:
    return {e["term"].lower(): (e["class"], e["value"]) for e in lexicons.load("claim_cues").entries}


# ----------------------------------------------------------------------------- entities


def _alias_map(docs: Sequence[Doc]) -> dict[str, str]:
    """Lowercased alias -> canonical actor name, from every analysis's actors; then capitalised words seen mid-sentence."""
    amap: dict[str, str] = {}
    for d in docs:
        for a in actor_cards(d.data):
            if not isinstance(a, Mapping) or not a.get("name"):
                continue
            name, keys = actor_keys(a)
            for k in keys:
                amap.setdefault(k, name)
    for d in docs:  # capitalised single words seen mid-sentence, to confirm demonym stems
        for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b", d.text):
            amap.setdefault(m.group().lower(), m.group().lower())
    return amap


def _entity(word: str, amap: Mapping[str, str]) -> str:
    """Canonical form of a name: the actor it is an alias of, else its demonym's country if known (Iranian -> iran)."""
    w = norm_name(word)
    if w in amap:
        return amap[w]
    for suf, rep in (("ians", ""), ("ian", ""), ("ans", "a"), ("an", "a"), ("is", ""), ("i", ""), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: len(w) - len(suf)] + rep
            if stem in amap:
                return amap[stem]
    return w


def _keep_cap(part: str, stop: frozenset[str], cues: Mapping[str, Any]) -> bool:
    """A capitalised word that names something: acronyms always (US), other words unless stop words, cues or months."""
    bare = part.replace(".", "")
    if len(bare) >= 2 and bare.isupper():
        return True
    low = norm_name(part)
    return low not in stop and low not in cues and low not in _MONTHS and low not in _WEEKDAYS


def _entities(text: str, cues: Mapping[str, Any], amap: Mapping[str, str]) -> set[str]:
    stop = stopwords()
    entities = set()
    for m in _CAP.finditer(text):
        parts = [p for p in m.group().split() if _keep_cap(p, stop, cues)]
        if not parts:
            continue
        for part in ([" ".join(parts)] if len(parts) > 1 else []) + parts:
            ent = _entity(part, amap)
            if ent and len(ent) > 1 and (ent not in stop or part.replace(".", "").isupper()):
                entities.add(ent)
    return entities


# ----------------------------------------------------------------------------- one sentence


def _numbers(words: list[tuple[str, int]], lw: list[str], cues: Mapping[str, tuple[str, str]]) -> dict[int, int]:
    """Word index -> count, for digits (not years, not dates) and number words; "no one" / "not one" is a negation."""
    numbers: dict[int, int] = {}
    for k, (w, _) in enumerate(words):
        if w[0].isdigit():
            raw = w.rstrip(".,").replace(",", "")
            if _YEAR.match(raw) or (k > 0 and lw[k - 1] in _MONTHS):
                continue
            try:
                val = float(raw)
            except ValueError:
                continue
            if val.is_integer():
                numbers[k] = int(val)
        elif lw[k] in cues and cues[lw[k]][0] == "number":
            numbers[k] = int(cues[lw[k]][1])
    for k in list(numbers):
        if k > 0 and lw[k - 1] in ("no", "not") and not words[k][0][0].isdigit():
            del numbers[k]
    return numbers


def _casualty(words, lw, cls, numbers, cues, amap) -> tuple[dict[str, Any] | None, bool]:
    """The sentence's casualty count (count, type, who) if a number sits within 6 words of a casualty word; and whether one is negated."""
    negated = False
    cas_idx = []
    for k, c in enumerate(cls):
        if c not in _CASUALTY:
            continue
        if any(cls[j] == "negation" or lw[j] == "not" for j in range(max(0, k - 5), k)):
            negated = True  # "no casualties", "no Americans were harmed", "not hurt"
        else:
            cas_idx.append(k)
    if not (cas_idx and numbers):
        return None, negated
    k_best, n_best = min(((k, n) for n in numbers for k in cas_idx), key=lambda kn: abs(kn[0] - kn[1]))
    if abs(k_best - n_best) > 6 or numbers[n_best] <= 0:
        return None, negated
    lo, hi = sorted((k_best, n_best))
    near = " ".join(w for w, _ in words[max(0, lo - 2) : hi + 4])
    stop = stopwords()
    who = set()
    for m in _CAP.finditer(near):
        for part in m.group().split():
            if _keep_cap(part, stop, cues):
                who.add(_entity(part, amap))
    return {"count": numbers[n_best], "type": cls[k_best], "who": sorted(who)}, negated


def _sentence(doc: Doc, i: int, s: int, e: int, cues, amap, quotes: Sequence[tuple[int, int]]) -> _Sent:
    text = doc.text[s:e]
    words = [(m.group(), m.start()) for m in re.finditer(r"[A-Za-z]+|\d[\d,.]*", text)]
    lw = [w.lower() for w, _ in words]
    numbers = _numbers(words, lw, cues)
    cls = [cues.get(w, ("", ""))[0] for w in lw]
    entities = _entities(text, cues, amap)
    casualty, negated = _casualty(words, lw, cls, numbers, cues, amap)
    checkable = []
    if numbers:
        checkable.append("number")
    if any(c in _CASUALTY for c in cls):
        checkable.append("casualty")
    if any(c == "event" for c in cls) and entities:
        checkable.append("event")
    qchars = sum(max(0, min(e, qe) - max(s, qs)) for qs, qe in quotes)
    return _Sent(doc, i, s, e, set(numbers.values()), entities, casualty, negated, checkable, qchars > 0.5 * (e - s))


def _sentences(doc: Doc, cues, amap) -> list[_Sent]:
    quotes = doc.direct_quote_spans()
    return [_sentence(doc, i, s, e, cues, amap, quotes) for i, (s, e) in enumerate(doc.sentences())]


# ----------------------------------------------------------------------------- alignment


@dataclass
class _Aligned:
    """Target and peer sentences and their TF-IDF similarities (rows are L2-normalised, so products are cosines)."""

    t_sents: list[_Sent]
    p_sents: list[_Sent]
    p_by_doc: dict[str, list[_Sent]]
    T: Any  # target sentence vectors
    P: Any  # peer sentence vectors
    S: Any  # target x peer sentence cosines
    S_ctx: Any  # target sentence x peer passage (sentence with its neighbours) cosines

    def ctx_entities(self, ps: _Sent) -> set[str]:
        out: set[str] = set()
        for x in self.p_by_doc[ps.doc.id][max(0, ps.i - 1) : ps.i + 2]:
            out |= x.entities
        return out


def _align(target: Doc, peers: Sequence[Doc]) -> _Aligned | None:
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: heavy (scikit-learn)

    cues = _cue_table()
    amap = _alias_map([target, *peers])
    t_sents = _sentences(target, cues, amap)
    p_by_doc = {p.id: _sentences(p, cues, amap) for p in peers}
    p_sents = [s for p in peers for s in p_by_doc[p.id]]
    if not t_sents or not p_sents:
        return None

    def analyzer(text: str) -> list[str]:
        return [_entity(t, amap) if t[:1].isupper() else t for t, _, _ in tokens(text)]

    vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    try:
        X = vec.fit_transform([s.quote for s in t_sents + p_sents])
    except ValueError:  # empty vocabulary
        return None
    T, P = X[: len(t_sents)], X[len(t_sents) :]
    ctx_texts: list[str] = []
    for p in peers:
        ss = p_by_doc[p.id]
        ctx_texts.extend(" ".join(x.quote for x in ss[max(0, j - 1) : j + 2]) for j in range(len(ss)))
    S_ctx = (T @ vec.transform(ctx_texts).T).toarray()
    return _Aligned(t_sents, p_sents, p_by_doc, T, P, (T @ P.T).toarray(), S_ctx)


def _supports(t: _Sent, ps: _Sent, sim: float, support_sim: float) -> bool:
    if t.casualty and ps.negated_casualty:
        return False
    tn = {n for n in t.numbers if n > 1}  # "one of the ..." is not a count
    if tn and not tn <= ps.numbers:
        return False
    shared = t.entities & ps.entities
    if sim >= support_sim:
        return bool(shared) or not t.entities or not ps.entities
    # a paraphrase: weaker wording overlap, but the same figures or several of the same names
    return sim >= 0.6 * support_sim and (bool(tn) or len(shared) >= 2)


def _contradicts(al: _Aligned, t: _Sent, ps: _Sent, ctx_sim: float, sent_sim: float, support_sim: float, related_sim: float) -> bool:
    if not t.casualty or ctx_sim < related_sim:
        return False
    who = set(t.casualty["who"])
    compatible = not who or bool(who & al.ctx_entities(ps)) or ctx_sim >= 2 * related_sim
    if ps.negated_casualty and not ps.casualty and compatible:
        return True
    if ps.casualty and ps.casualty["type"] == t.casualty["type"] and ps.casualty["count"] != t.casualty["count"]:
        return compatible and bool(set(ps.casualty["who"]) & who) and sent_sim >= support_sim
    return False


def _evidence(s: _Sent, sim: float, relation: str) -> dict[str, Any]:
    return {"text_id": s.doc.id, "outlet": s.doc.outlet, "lean": s.doc.lean, "start": s.start, "end": s.end,
            "quote": s.quote, "similarity": round(float(sim), 4), "relation": relation}


# ----------------------------------------------------------------------------- the family


def _judge(al: _Aligned, i: int, support_sim: float, related_sim: float) -> tuple[str, dict[str, Any]] | None:
    """("contradicted" | "uncorroborated", item) for target sentence ``i``, or None when peers support it."""
    import numpy as np  # lazy: heavy (numpy)

    t, row, ctx = al.t_sents[i], al.S[i], al.S_ctx[i]
    support = [j for j in np.argsort(-row)[:50] if _supports(t, al.p_sents[j], row[j], support_sim)]
    contra = []
    if t.casualty:
        for j in np.argsort(-ctx):
            if ctx[j] < related_sim:
                break
            if _contradicts(al, t, al.p_sents[j], ctx[j], row[j], support_sim, related_sim):
                contra.append(j)
    base = {"start": t.start, "end": t.end, "quote": t.quote, "checkable": t.checkable,
            "numbers": sorted(str(n) for n in t.numbers), "entities": sorted(t.entities), "casualty": t.casualty}
    if contra and len(contra) > len(support) and t.casualty:
        seen_docs, evid = set(), []
        for j in contra:
            if al.p_sents[j].doc.id not in seen_docs:
                seen_docs.add(al.p_sents[j].doc.id)
                evid.append(_evidence(al.p_sents[j], ctx[j], "contradicts"))
        c, n_docs = t.casualty, len(seen_docs)
        who = f" ({', '.join(c['who'])})" if c["who"] else ""
        return "contradicted", {**base, "rule": "compare.claim.contradicted", "n_peers": n_docs,
                                "reason": f"the target reports {c['count']} {c['type']}{who}; "
                                          f"{n_docs} peer(s) report none or a different count for the same event",
                                "peer_evidence": evid[:5]}
    if support:
        return None
    closest = [j for j in np.argsort(-row)[:3] if row[j] > 0]
    return "uncorroborated", {**base, "rule": "compare.claim.uncorroborated", "n_peers": 0, "strength": len(t.checkable) + (1 if t.casualty else 0),
                              "reason": "no peer sentence reports it with the same numbers and entities",
                              "peer_evidence": [_evidence(al.p_sents[j], row[j], "related") for j in closest]}


def find(target: Doc, peers: Sequence[Doc], *, support_sim: float = SUPPORT_SIM, related_sim: float = RELATED_SIM,
           max_items: int = MAX_ITEMS) -> Claims:
    """Uncorroborated (at most 2 x ``max_items``), contradicted and omitted (at most ``max_items``) claims."""
    al = _align(target, peers)
    if al is None:
        return Claims()
    found: dict[str, list[dict[str, Any]]] = {"uncorroborated": [], "contradicted": []}
    for i, t in enumerate(al.t_sents):
        if t.checkable and not t.in_quote:
            judged = _judge(al, i, support_sim, related_sim)
            if judged is not None:
                found[judged[0]].append(judged[1])
    uncorroborated = found["uncorroborated"]
    uncorroborated.sort(key=lambda c: (-c.pop("strength"), c["start"]))
    omitted = _omitted(peers, al, support_sim=support_sim, max_items=max_items)
    return Claims(tuple(uncorroborated[: max_items * 2]), tuple(found["contradicted"]), tuple(omitted))


def _omitted(peers: Sequence[Doc], al: _Aligned, *, support_sim: float, max_items: int) -> list[dict[str, Any]]:
    """Facts (checkable peer sentences) reported by several peers that no target sentence matches."""
    import numpy as np  # lazy: heavy (numpy)

    t_sents, p_sents = al.t_sents, al.p_sents
    idx = [j for j, s in enumerate(p_sents) if s.checkable and not s.in_quote]
    if not idx:
        return []
    n_full = sum(1 for p in peers if p.in_measures) or len(peers)
    need = max(3, math.ceil(0.15 * n_full))
    Pi = al.P[idx]
    SS = (Pi @ Pi.T).toarray()
    TT = (Pi @ al.T.T).toarray() if al.T.shape[0] else np.zeros((len(idx), 0))
    docs = [p_sents[j].doc.id for j in idx]
    cands = []
    for a in range(len(idx)):
        sa = p_sents[idx[a]]
        sup_docs: dict[str, int] = {}
        for b in np.nonzero(SS[a] >= support_sim)[0]:
            if docs[b] == docs[a] or docs[b] in sup_docs:
                continue
            sb = p_sents[idx[b]]
            an = {n for n in sa.numbers if n > 1}
            if an and not an & sb.numbers:
                continue
            if sa.entities and not sa.entities & sb.entities:
                continue
            sup_docs[docs[b]] = int(b)
        if len(sup_docs) + 1 < need:
            continue
        best_t = float(TT[a].max()) if TT.shape[1] else 0.0
        if best_t >= support_sim:
            continue
        if any(TT[a][i] >= 0.6 * support_sim and len(sa.entities & t_sents[i].entities) >= 2 for i in range(TT.shape[1])):
            continue  # the target reports it in other words
        cands.append((len(sup_docs) + 1, a, sup_docs))
    cands.sort(key=lambda c: (-c[0], c[1]))
    chosen: list[int] = []
    out = []
    for n, a, sup_docs in cands:
        if any(SS[a][c] >= support_sim for c in chosen):
            continue
        chosen.append(a)
        out.append(_omitted_item(al, peers, idx, a, n, sup_docs, SS, TT))
        if len(out) >= max_items:
            break
    return out


def _omitted_item(al: _Aligned, peers: Sequence[Doc], idx: list[int], a: int, n: int, sup_docs: Mapping[str, int], SS: Any, TT: Any) -> dict[str, Any]:
    s = al.p_sents[idx[a]]
    ti = int(TT[a].argmax()) if TT.shape[1] else -1
    closest = None
    if ti >= 0 and TT[a][ti] > 0:
        t = al.t_sents[ti]
        closest = {"start": t.start, "end": t.end, "quote": t.quote, "similarity": round(float(TT[a][ti]), 4)}
    evid = []
    for pid, b in list(sup_docs.items())[:4]:
        sb = al.p_sents[idx[b]]
        evid.append({"text_id": pid, "outlet": sb.doc.outlet, "lean": sb.doc.lean, "start": sb.start, "end": sb.end,
                     "quote": sb.quote, "similarity": round(float(SS[a][b]), 4), "relation": "supports"})
    return {"text_id": s.doc.id, "outlet": s.doc.outlet, "lean": s.doc.lean, "start": s.start, "end": s.end, "quote": s.quote,
            "rule": "compare.claim.omitted", "n_peers": n, "share_peers": round(n / max(len(peers), 1), 4),
            "numbers": sorted(str(x) for x in s.numbers), "entities": sorted(s.entities),
            "peer_evidence": evid, "closest_target": closest}
