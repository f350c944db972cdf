"""Claims (rules ``compare.claim.uncorroborated``, ``compare.claim.contradicted``, ``compare.claim.omitted``).

Each sentence is a structured fact (:mod:`framing.comparison.facts`: predicate
classes, participants, numbers, a casualty slot; furniture, questions and direct
quotes are never judged). A target claim is matched to peer sentences found
through an inverted index on ``(predicate class, participant)`` keys plus its
sparse nearest neighbours by TF-IDF cosine (content words, names mapped to their
actor); lexical similarity is one feature among several:

* a peer sentence **supports** a claim when it reports the same predicate class
  with all the claim's specific participants (names that are not the story's topic,
  i.e. named in fewer than a quarter of the peer articles; one may be missing among
  four or more) and some shared wording, or
  the same wording (cosine >= ``support_sim``) with a shared name; a figure of the
  claim (> 1) must be among the peer's, unless the peer gives no figure and two names,
  one specific, are shared;
  a casualty count is supported only by the same count of the same kind;
* **contradicted**: the same casualty slot with an incompatible value in a passage
  about the same event (the peer sentence and its neighbours, cosine >= ``related_sim``,
  or a peer sentence with the same casualty predicate class, harm or death, naming the
  same people):
  a count against "no one was harmed" / "zero casualties", "no Americans were hurt"
  against a count of injured, or another count of the same kind for the same people.
  A denial ("no Americans were hurt") is also contradicted by a peer's count of the
  kind of harm it denies, in a sentence about an attack that names the people it
  denies it for, in other wording (:func:`denial_confirmed`; a hypothetical count,
  "had there been even one casualty", never counts).
  Flagged when at least as many peers contradict as support it; when the target
  attributes the claim to someone (a reporting verb), one contradicting peer is
  enough and the wording is "reported differently", never "false";
* **uncorroborated**: no peer sentence supports it *and* no peer sentence shares its
  predicate class and all its specific participants (two names when it has none),
  and it names a participant other than the story's topic names or gives a figure,
  and it is not a judgement (an evaluative sentence, see :mod:`~framing.comparison.facts`, without a figure) (when one does but the details differ, the check
  abstains: the claim is neither flagged nor counted as corroborated). It also
  abstains when a peer sentence shares the predicate class, half the specific
  participants and some wording (a sentence of two clauses), and when a peer tells a
  claim with a figure in like words but gives no figure (the figure is unchecked, the
  claim is not unreported). What an unnamed source said ("U.S. and European
  government sources said ...") is matched without the source's names
  (:func:`said_participants`). ``confidence``
  is ``high`` when no peer sentence even shares a key and the closest wording is far
  (cosine < ``support_sim`` / 2), else ``medium``;
* **omitted**: see :mod:`framing.comparison.omitted`.

Participants are refined after :func:`~framing.comparison.facts.facts`
(:func:`refine_participants`): sentence-initial common words ("Having", "Multiple")
and the compared outlets' names ("told CBS News") are not participants, and
"American-Israeli" names both countries.

No dense peer x peer matrix is built: one sparse matrix-vector product per target
sentence, plus index look-ups. Known limits: denials and confirmations are compared
for casualties only (not "the plane was not downed by a missile" against "it was
shot down"); participants are surface names; on the claims gold (14 flags) precision
0.86 is measured on few items.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from framing.comparison import omitted as omitted_mod
from framing.comparison.docs import Doc
from framing.comparison.facts import Fact, alias_map, cue_table, entities, entity, facts, predicate_table
from framing.comparison.text import content_terms, norm_name, tokens
from framing.schema.comparison import Claims

SUPPORT_SIM = 0.3
RELATED_SIM = 0.15
MAX_ITEMS = 15
TOP_K = 60
ALIKE_WORDS = 3
TOP_CLOSE = 5  # nearest peer sentences read by the abstain tests
MAX_INDEX_CANDIDATES = 400
TOPIC_SHARE = 0.25
CASUALTY_CLASSES = frozenset({"harm", "death"})
DENIABLE = frozenset({"killed", "injured", "casualty"})  # claim_cues classes a denial of harm negates
DENIAL_CTX = 0.6  # a denial and a peer's count: passage cosine >= DENIAL_CTX x related_sim (other wording, same attack)
_HYPOTHETICAL = re.compile(r"\b(?:if|unless|had there been|were there|even (?:one|a single))\b", re.I)  # a count that did not happen
_WORD = re.compile(r"[A-Za-z]+|\d[\d,.]*")
TOPIC_MIN = 5  # a topic name is in at least this many peer articles (or in every peer, when there are fewer)
UNNAMED = frozenset({"anonymous", "vague"})  # attribution speaker kinds whose names are not a claim's participants
LOWER_SAMPLE = 200  # articles searched for a capitalised word's lowercase use (bounded: the word is common or it is not)


@dataclass
class Aligned:
    """Target and peer facts, their sparse TF-IDF rows (L2-normalised: products are cosines) and the key index."""

    t_facts: list[Fact]
    p_facts: list[Fact]
    T: Any  # target sentence vectors (sparse CSR)
    P: Any  # peer sentence vectors (sparse CSR)
    P_ctx: Any  # peer passage vectors: each sentence with its neighbours in its article (sparse CSR)
    index: dict[tuple[str, str], list[int]]  # (predicate class, participant) -> peer fact indices
    topic: frozenset[str] = frozenset()  # participants named in at least TOPIC_SHARE of the peer articles
    content: dict[int, set[str]] | None = None  # target fact index -> participants of what its source said (source's names left out)
    denials: dict[int, tuple[set[str], set[str]]] | None = None  # target sentence number -> (casualty kinds denied, names in the denial)

    def ctx_entities(self, j: int) -> set[str]:
        f = self.p_facts[j]
        out: set[str] = set(f.entities)
        for k in (j - 1, j + 1):
            if 0 <= k < len(self.p_facts) and self.p_facts[k].doc is f.doc:
                out |= self.p_facts[k].entities
        return out


def _passages(p_facts: Sequence[Fact], P: Any) -> Any:
    """Each peer sentence summed with its neighbours in the same article (a sparse band matrix times P), rows L2-normalised."""
    import numpy as np  # lazy: heavy (numpy)
    from scipy import sparse  # lazy: heavy (scipy)
    from sklearn.preprocessing import normalize  # lazy: heavy (scikit-learn)

    n = len(p_facts)
    rows, cols = [np.arange(n)], [np.arange(n)]
    same_next = np.array([p_facts[j].doc is p_facts[j + 1].doc for j in range(n - 1)], dtype=bool)
    idx = np.nonzero(same_next)[0]
    rows += [idx, idx + 1]
    cols += [idx + 1, idx]
    r, c = np.concatenate(rows), np.concatenate(cols)
    B = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(n, n))
    return normalize(B @ P)


@functools.lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A crude plural stem for similarity only (waivers -> waiver, casualties -> casualty; not -ss, not short words)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def align(target: Doc, peers: Sequence[Doc]) -> Aligned | None:
    """Facts of the target and of every peer, vectorised once (sparse), and the peers' key index."""
    import numpy as np  # lazy: heavy (numpy)
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: heavy (scikit-learn)

    amap = alias_map([target, *peers])
    t_facts = facts(target, amap)
    p_facts = [f for p in peers for f in facts(p, amap)]
    if not t_facts or not p_facts:
        return None
    refine_participants([*t_facts, *p_facts], amap, [target, *peers][:LOWER_SAMPLE], outlets([target, *peers], amap))

    def analyzer(text: str) -> list[str]:
        return [entity(t, amap) if t[:1].isupper() else stem(t) for t in content_terms(text)]

    vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float32)
    try:
        X = vec.fit_transform([f.quote for f in t_facts] + [f.quote for f in p_facts])
    except ValueError:  # empty vocabulary
        return None
    T, P = X[: len(t_facts)].tocsr(), X[len(t_facts) :].tocsr()
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    docs_of: dict[str, set[str]] = defaultdict(set)
    for j, f in enumerate(p_facts):
        for e in f.entities:
            docs_of[e].add(f.doc.id)
        if not (f.furniture or f.question):
            for k in f.keys:
                index[k].append(j)
    topic = frozenset(e for e, d in docs_of.items() if len(d) >= max(TOPIC_SHARE * len(peers), min(TOPIC_MIN, len(peers))))
    content = {i: c for i, f in enumerate(t_facts) if (c := said_participants(f, amap)) is not None}
    denials = {f.i: denial(f, amap) for f in t_facts if f.negated_casualty}
    return Aligned(t_facts, p_facts, T, P, _passages(p_facts, P), dict(index), topic, content, denials)


# ----------------------------------------------------------------------------- participants, refined


def outlets(docs: Sequence[Doc], amap: Mapping[str, str]) -> set[str]:
    """The compared articles' outlet names as participant keys ("the Associated Press reported", "told CBS News")."""
    out = set()
    for d in docs:
        if d.outlet:
            name = norm_name(d.outlet)
            out |= {name, name.removeprefix("the "), entity(d.outlet, amap)}
            out |= {e for e in entities(d.outlet, amap) if ("=" + e) not in amap}  # "Pellan Herald" -> herald; never USA Today -> usa
    return out


def refine_participants(fs: Sequence[Fact], amap: Mapping[str, str], sample: Sequence[Doc], channels: frozenset[str] | set[str] = frozenset()) -> None:
    """Correct three surface errors of the participant names, in place.

    * a news outlet among the compared articles' outlets (``channels``): the channel
      that reported or interviewed, not a participant of the event ("the Associated
      Press reported", "told CBS News") — dropped;

    * a capitalised word that is no name: a word that starts a sentence ("Having
      walked out ...", "Multiple officials ..."), is no actor's alias, is never
      capitalised mid-sentence in any article and is used in lowercase in one of the
      first ``LOWER_SAMPLE`` articles — dropped;
    * a hyphenated pair of names ("American-Israeli") — replaced by both names when
      each half is an actor or a demonym of one (``al-Muhandis`` stays whole).
    """
    single = {e for f in fs for e in f.entities if e.isalpha() and e.islower() and ("=" + e) not in amap and e not in amap}
    common: set[str] = set()
    if single:
        pat = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, single), key=len, reverse=True)) + r")\b")
        for d in sample:
            common.update(pat.findall(d.text))
            if common >= single:
                break
    split: dict[str, set[str]] = {}
    for e in {e for f in fs for e in f.entities if "-" in e and " " not in e}:
        halves = [h for h in e.split("-") if h]
        mapped = [entity(h.capitalize(), amap) for h in halves]
        if len(halves) == 2 and all(("=" + m) in amap or (m != h and m in amap.values()) for h, m in zip(halves, mapped)):
            split[e] = set(mapped)
    common |= channels
    if not (common or split):
        return
    for f in fs:
        if f.entities & common or any(e in split for e in f.entities):
            ents = set()
            for e in f.entities - common:
                ents |= split.get(e, {e})
            f.entities = ents


def said_participants(f: Fact, amap: Mapping[str, str]) -> set[str] | None:
    """The participants of what an unnamed source said, without the source's names ("U.S. and European government sources said ...").

    Read from the analysis's attribution records (indirect quotes and "according to")
    whose cue is a reporting verb of ``predicates.tsv``, whose speaker lies in the
    sentence and is anonymous or vague (officials, sources, experts): names in the
    speaker phrase and between the cue and the content are the source's, unless the
    content names them too. Another outlet's unnamed sources differ, so the source's
    affiliation is no participant to match; a named speaker's statement ("Pence told
    CBS News ...") is itself the news, and keeps its speaker. None when the sentence
    has no such record.
    """
    if not f.attributed:
        return None
    report = {w for w, c in predicate_table().items() if c == "report"}
    src: set[str] = set()
    found = False
    for q in (f.doc.section("attribution") or {}).get("quotes") or []:
        if q.get("type") == "direct" or q.get("speaker_kind") not in UNNAMED or str(q.get("cue", "")).lower().split(" ")[0] not in report:
            continue
        ss, se, ce, cs, cend = (q.get(k) for k in ("speaker_start", "speaker_end", "cue_end", "content_start", "content_end"))
        if not all(isinstance(x, int) for x in (ss, se)) or not (f.start <= ss < f.end):
            continue
        found = True
        src |= entities(f.doc.text[ss:se], amap)
        if isinstance(ce, int) and isinstance(cs, int) and ce < cs <= f.end:
            src |= entities(f.doc.text[ce:cs], amap)
        if isinstance(cs, int) and isinstance(cend, int):
            src -= entities(f.doc.text[cs:cend], amap)
    return f.entities - src if found else None


# ----------------------------------------------------------------------------- relations


def supports(t: Fact, ps: Fact, sim: float, support_sim: float = SUPPORT_SIM, topic: frozenset[str] = frozenset()) -> bool:
    """Does peer fact ``ps`` report target claim ``t`` (see the module docstring)?

    ``topic`` participants (named in many peer articles: the country, the president)
    count as shared names only beside the claim's specific participants.
    """
    if ps.furniture or ps.question:
        return False
    shared = t.entities & ps.entities
    specific = t.entities - topic
    if t.casualty:
        if ps.negated_casualty and not ps.casualty:
            return False
        c = ps.casualty
        return bool(c and c["type"] == t.casualty["type"] and c["count"] == t.casualty["count"] and (shared or sim >= support_sim))
    tn = {n for n in t.numbers if n > 1}  # "one of the ..." is not a count
    if tn and not tn & ps.numbers and (any(n > 1 for n in ps.numbers) or not (len(shared) >= 2 and shared & specific)):
        return False  # another figure, or no figure and too few of the same names
    if sim >= support_sim and (shared or not t.entities or not ps.entities):
        return True
    if t.preds & ps.preds:
        if specific:  # the claim's own participants, all of them (one may be missing among four or more)
            return len(specific - ps.entities) <= (len(specific) >= 4) and ((len(shared) >= 2 and sim >= 0.1) or sim >= 0.6 * support_sim)
        return len(shared) >= 2 and sim >= 0.6 * support_sim
    return sim >= 0.6 * support_sim and (bool(tn & ps.numbers) or (len(shared & specific) >= 1 and len(shared) >= 2))


def _shares_slot(t: Fact, ps: Fact, topic: frozenset[str], sim: float = 0.0, support_sim: float = SUPPORT_SIM) -> bool:
    """A peer fact that may report the claim with other details (the abstain test).

    The claim's predicate class and all its specific participants (one may be
    missing among three or more: a title, an affiliation), or the predicate class,
    half of them (a sentence of two clauses, each with its own actor) and some
    shared wording (cosine >= 0.6 x ``support_sim``).
    """
    if ps.furniture or ps.question or not t.preds & ps.preds:
        return False
    specific = t.entities - topic
    shared = t.entities & ps.entities
    if not specific:
        return len(shared) >= 2
    missing = len(specific - ps.entities)
    return missing <= (len(specific) >= 3) or (2 * missing <= len(specific) and sim >= 0.6 * support_sim)


def contradicts(al: Aligned, t: Fact, j: int, ctx_sim: float, sent_sim: float,
                support_sim: float = SUPPORT_SIM, related_sim: float = RELATED_SIM) -> bool:
    """Does peer fact ``j`` report the claim's casualty slot with an incompatible value (same event, same people)?"""
    ps = al.p_facts[j]
    same_kind = bool(t.preds & ps.preds & CASUALTY_CLASSES)  # both report deaths or injuries: related by predicate class
    if ps.furniture or ps.question or (ctx_sim < related_sim and not same_kind):
        return False
    if t.casualty:
        who = set(t.casualty["who"])
        # the same people: the peer sentence names the claim's casualties (or, when none is named, one of its participants)
        compatible = bool((who or t.entities) & ps.entities) if who or t.entities else ctx_sim >= 2 * related_sim
        if ps.negated_casualty and not ps.casualty and compatible:
            return True
        if ps.casualty and ps.casualty["type"] == t.casualty["type"] and ps.casualty["count"] != t.casualty["count"]:
            return compatible and bool(set(ps.casualty["who"]) & who) and sent_sim >= support_sim
        return False
    if t.negated_casualty and ps.casualty and ps.casualty["count"] > 0 and not ps.negated_casualty and not _HYPOTHETICAL.search(ps.quote):
        # "no one was hurt" against a count of the hurt: the same attack (shared names, close passages)
        kinds = al.denials.get(t.i, (set(), set()))[0] if al.denials else set()
        if kinds and not _kind_denied(kinds, ps.casualty["type"]):
            return False  # "no one was killed" against a count of the injured: no contradiction
        shared = t.entities & ps.entities
        if bool(t.preds & ps.preds) and bool(shared) and ctx_sim >= 2 * related_sim and (len(shared) >= 2 or sent_sim >= support_sim):
            return True
        return denial_confirmed(al, t, ps, ctx_sim, related_sim)
    return False


def denial(f: Fact, amap: Mapping[str, str]) -> tuple[set[str], set[str]]:
    """What a sentence denies: the casualty kinds negated ("no Americans were hurt": injured) and the names in the denial."""
    words = _WORD.findall(f.quote)
    lw = [w.lower() for w in words]
    cues = cue_table()
    kinds: set[str] = set()
    who: set[str] = set()
    for k, w in enumerate(lw):
        kind = cues.get(w, ("", ""))[0]
        if kind not in DENIABLE:
            continue
        neg = [j for j in range(max(0, k - 5), k) if cues.get(lw[j], ("", ""))[0] == "negation" or lw[j] in ("not", "never")]
        if neg:
            kinds.add(kind)
            who |= entities(" ".join(words[neg[0] : k + 1]), amap)
    return kinds, who


def _kind_denied(kinds: set[str], kind: str) -> bool:
    """A count of ``kind`` (killed, injured, casualty) answers a denial of ``kinds`` ("casualties" on either side matches both)."""
    return bool(kinds) and (kind in kinds or "casualty" in kinds or kind == "casualty")


def denial_confirmed(al: Aligned, t: Fact, ps: Fact, ctx_sim: float, related_sim: float = RELATED_SIM) -> bool:
    """A denial of harm ("no Americans were hurt") against a peer's count of that harm in the same attack.

    The count must be of the kind denied (injured for hurt/harmed/injured, killed for
    killed/dead; "casualties" on either side matches both), both sentences must report
    an attack, the peer sentence must name the people the denial names (else one of the
    claim's participants other than the story's topic), the peer's count must not be a
    hypothetical ("had there been even one American casualty"), and the passages must
    share some wording (cosine >= ``DENIAL_CTX`` x ``related_sim``).
    """
    if ctx_sim < DENIAL_CTX * related_sim or "attack" not in t.preds & ps.preds or not ps.casualty or _HYPOTHETICAL.search(ps.quote):
        return False
    kinds, who = al.denials.get(t.i, (set(), set())) if al.denials else (set(), set())
    if not _kind_denied(kinds, ps.casualty["type"]):
        return False
    if who:
        return bool(who & ps.entities)
    return bool((t.entities & ps.entities) - al.topic)


def _worded_alike_without_figure(t: Fact, ps: Fact, sim: float, support_sim: float) -> bool:
    """A peer sentence worded like the claim that gives no figure (the abstain test for figures).

    Worded like: cosine >= ``support_sim`` and at least ``ALIKE_WORDS`` content words
    (plural-stemmed) in common, so that one rare shared word in a short peer sentence
    ("That's why we have a government.") is not enough.
    """
    if sim < support_sim or ps.furniture or ps.question or any(n > 1 for n in ps.numbers):
        return False
    return len({stem(w) for w, _, _ in tokens(t.quote)} & {stem(w) for w, _, _ in tokens(ps.quote)}) >= ALIKE_WORDS


def _evidence(f: Fact, sim: float, relation: str) -> dict[str, Any]:
    return {"text_id": f.doc.id, "outlet": f.doc.outlet, "lean": f.doc.lean, "start": f.start, "end": f.end,
            "quote": f.quote, "similarity": round(float(sim), 4), "relation": relation}


def _candidates(al: Aligned, i: int, row: Any) -> list[int]:
    """Peer facts to test for target fact ``i``: its ``TOP_K`` nearest by cosine and those sharing an index key."""
    import numpy as np  # lazy: heavy (numpy)

    n = len(row)
    top = np.argpartition(-row, TOP_K)[:TOP_K] if n > TOP_K else np.arange(n)
    keyed: set[int] = set()
    for k in al.t_facts[i].keys:
        keyed.update(al.index.get(k, ()))
    if len(keyed) > MAX_INDEX_CANDIDATES:
        ks = np.fromiter(keyed, dtype=np.int64)
        keyed = set(ks[np.argpartition(-row[ks], MAX_INDEX_CANDIDATES)[:MAX_INDEX_CANDIDATES]].tolist())
    cand = set(top.tolist()) | keyed
    return sorted(cand, key=lambda j: -row[j])


def _contradicted_item(al: Aligned, t: Fact, base: dict[str, Any], contra: list[int], ctx: Any, n_support: int) -> dict[str, Any]:
    seen, evid = set(), []
    for j in contra:
        if al.p_facts[j].doc.id not in seen:
            seen.add(al.p_facts[j].doc.id)
            evid.append(_evidence(al.p_facts[j], ctx[j], "contradicts"))
    n = len(seen)
    if t.casualty:
        c = t.casualty
        what = f"{c['count']} {c['type']}" + (f" ({', '.join(w.title() if w.islower() else w for w in c['who'])})" if c["who"] else "")
        other = "none or a different count"
    else:
        what, other = "that no one was hurt", "people hurt"
    wording = "reported differently" if t.attributed else "contradicted"
    lead = "the target attributes to its source" if t.attributed else "the target reports"
    return {**base, "rule": "compare.claim.contradicted", "n_peers": n, "n_supporting": n_support, "wording": wording,
            "reason": f"{lead} {what}; {n} peer(s) report {other} for the same event"
                      + (f" ({n_support} peer(s) report it as the target does)" if n_support else ""),
            "peer_evidence": evid[:5]}


def judge(al: Aligned, i: int, support_sim: float = SUPPORT_SIM, related_sim: float = RELATED_SIM) -> tuple[str, dict[str, Any]] | None:
    """("contradicted" | "uncorroborated", item) for target fact ``i``; None when supported or when the check abstains."""
    t = al.t_facts[i]
    row = (al.P @ al.T[i].T).toarray().ravel()
    ctx = (al.P_ctx @ al.T[i].T).toarray().ravel()
    cand = _candidates(al, i, row)
    said = al.content.get(i) if al.content else None
    tc = t if said is None else replace(t, entities=said)  # what the source said, matched without the source's names
    support = [j for j in cand if supports(tc, al.p_facts[j], row[j], support_sim, al.topic)]
    n_support = len({al.p_facts[j].doc.id for j in support})
    base = {"start": t.start, "end": t.end, "quote": t.quote, "checkable": t.checkable, "attributed": t.attributed,
            "numbers": sorted(str(n) for n in t.numbers), "entities": sorted(t.entities), "predicates": sorted(t.preds),
            "casualty": t.casualty}
    if t.casualty or t.negated_casualty:
        import numpy as np  # lazy: heavy (numpy)

        related = set(np.nonzero(ctx >= related_sim)[0].tolist()) | set(cand)
        contra = [j for j in sorted(related, key=lambda j: -ctx[j]) if contradicts(al, t, j, ctx[j], row[j], support_sim, related_sim)]
        n_contra = len({al.p_facts[j].doc.id for j in contra})
        if contra and (n_contra >= n_support or t.attributed):
            return "contradicted", _contradicted_item(al, t, base, contra, ctx, n_support)
    if support or t.negated_casualty:
        return None
    slot = [j for j in cand if _shares_slot(tc, al.p_facts[j], al.topic, row[j], support_sim)]
    if slot:
        return None  # a peer reports the same act by the same participants with other details: abstain
    if not (tc.entities - al.topic) and not any(n > 1 for n in t.numbers):
        return None  # only the story's topic names and no figure: too general to call uncorroborated (abstain)
    if any(n > 1 for n in t.numbers) and any(_worded_alike_without_figure(t, al.p_facts[j], row[j], support_sim) for j in cand[:TOP_CLOSE]):
        return None  # a peer tells it in like words without the figure: the figure is unchecked, the claim is not unreported
    if t.evaluative and not (any(n > 1 for n in t.numbers) or t.casualty):
        return None  # a judgement in the author's loaded words, with no figure: not a claim another outlet would report
    closest = [j for j in cand[:3] if row[j] > 0]
    confidence = "high" if not any(t.keys & al.p_facts[j].keys for j in cand) and (not closest or row[closest[0]] < support_sim / 2) else "medium"
    return "uncorroborated", {**base, "rule": "compare.claim.uncorroborated", "n_peers": 0, "confidence": confidence,
                              "strength": len(t.checkable) + (1 if t.casualty else 0),
                              "reason": "no peer sentence reports this act with these participants",
                              "peer_evidence": [_evidence(al.p_facts[j], row[j], "closest wording (does not report it)") for j in closest]}


def find(target: Doc, peers: Sequence[Doc], *, support_sim: float = SUPPORT_SIM, related_sim: float = RELATED_SIM,
         max_items: int = MAX_ITEMS) -> Claims:
    """Uncorroborated (at most 2 x ``max_items``), contradicted and omitted (at most ``max_items``) claims."""
    al = align(target, peers)
    if al is None:
        return Claims()
    found: dict[str, list[dict[str, Any]]] = {"uncorroborated": [], "contradicted": []}
    for i, t in enumerate(al.t_facts):
        if t.judged:
            judged = judge(al, i, support_sim, related_sim)
            if judged is not None:
                found[judged[0]].append(judged[1])
    uncorroborated = found["uncorroborated"]
    uncorroborated.sort(key=lambda c: (c["confidence"] != "high", -c.pop("strength"), c["start"]))
    omitted = omitted_mod.find(peers, al, support_sim=support_sim, max_items=max_items)
    return Claims(tuple(uncorroborated[: max_items * 2]), tuple(found["contradicted"]), tuple(omitted))
