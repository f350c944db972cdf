"""Word choice (rule ``compare.fightin_words``): the words that set the target apart from its peers, and back.

The log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi &
Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", section 3.5.3. For word w with
counts y_t (target), y_p (pooled peers), totals n_t, n_p and prior
alpha_w = alpha0 * (pooled rate of w)::

    delta_w = log((y_t + a_w) / (n_t + a0 - y_t - a_w)) - log((y_p + a_w) / (n_p + a0 - y_p - a_w))
    var_w   ~ 1 / (y_t + a_w) + 1 / (y_p + a_w)
    z_w     = delta_w / sqrt(var_w)

Positive z: typical of the target; negative: of the peers. Tokens are
lowercased word forms (:func:`framing.comparison.text.tokens`; acronyms keep their
capitals without dots, U.S. -> US; scikit-learn's English stop words removed).

Only terms with |z| >= :data:`Z_MIN` (1.96, a two-sided 5% level) are reported;
when none reaches it, the lists are empty and the report says so. Page furniture
(:mod:`framing.nlp.furniture`: bylines, contributor lines, captions, credits,
update lines, labels) is removed before counting, and so are the article's own
outlet name, day and month names (publication timing, not word choice).

Known limits: single words only (no phrases); the pooled peers weigh long
articles more than short ones; with many terms tested, a few at |z| just above
1.96 are expected by chance.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from framing.comparison.docs import Doc
from framing.comparison.text import content_terms, norm_name, tokens
from framing.schema.comparison import DistinctiveTerms

TOP_TERMS = 25
KEEP_TOKENS = 500  # peers whose tokens the examples keep (the first peers in order are the ones scanned again)
Z_MIN = 1.96
_DATES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
})


def _blanked(doc: Doc) -> str:
    """``doc``'s text with its page furniture blanked (offsets kept: furniture replaced by spaces, not removed)."""
    text = doc.text
    cuts = doc.furniture()
    if not cuts:
        return text
    parts, pos = [], 0
    for s, e, _ in cuts:  # furniture spans are in order and do not overlap
        parts += [text[pos:s], " " * (e - s)]
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _own(doc: Doc) -> set[str]:
    return set(norm_name(doc.outlet).split()) if doc.outlet else set()


def content_tokens(doc: Doc) -> list[tuple[str, int, int]]:
    """Word tokens of ``doc`` outside its page furniture, without its own outlet's name, days and months."""
    own = _own(doc)
    return [(t, s, e) for t, s, e in tokens(_blanked(doc)) if t not in _DATES and t.lower() not in own]


def content_counts(doc: Doc) -> Counter:
    """The term counts of :func:`content_tokens` (without building the offsets)."""
    own = _own(doc)
    counts = Counter(content_terms(_blanked(doc)))
    for t in [t for t in counts if t in _DATES or t.lower() in own]:
        del counts[t]
    return counts


def fightin_words(
    counts_a: Mapping[str, int], counts_b: Mapping[str, int], *, alpha0: float | None = None, prior: Mapping[str, float] | None = None
) -> dict[str, tuple[float, float]]:
    """Log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 16-22).

    Returns ``{term: (delta, z)}``; positive z = more typical of ``a``. The prior
    is ``alpha_w = alpha0 * prior_w / sum(prior)``; by default ``prior`` is the
    pooled counts of a and b and ``alpha0 = n_a + n_b``, i.e. the prior counts
    are the pooled counts themselves, as Monroe et al. use the whole corpus's
    counts as the informative prior. This shrinks one-off words toward the
    pooled rate, so a word must recur to stand out.
    """
    n_a, n_b = sum(counts_a.values()), sum(counts_b.values())
    vocab = set(counts_a) | set(counts_b)
    if prior is None:
        prior = {w: counts_a.get(w, 0) + counts_b.get(w, 0) for w in vocab}
    p_total = float(sum(prior.get(w, 0) for w in vocab)) or 1.0
    if alpha0 is None:
        alpha0 = float(n_a + n_b) or 1.0
    out = {}
    for w in vocab:
        a_w = alpha0 * prior.get(w, 0) / p_total
        if a_w <= 0:
            continue
        ya, yb = counts_a.get(w, 0), counts_b.get(w, 0)
        delta = math.log((ya + a_w) / (n_a + alpha0 - ya - a_w)) - math.log((yb + a_w) / (n_b + alpha0 - yb - a_w))
        var = 1.0 / (ya + a_w) + 1.0 / (yb + a_w)
        out[w] = (delta, delta / math.sqrt(var))
    return out


def _peer_examples(term: str, peers: Sequence[Doc], p_toks: dict[str, list[tuple[str, int, int]]]) -> list[dict[str, Any]]:
    """Up to three peers' first use of ``term``, as spans into each peer's text (peers' tokens found on first need, kept in ``p_toks``)."""
    ex = []
    for p in peers:
        toks = p_toks.get(p.id)
        if toks is None:
            toks = content_tokens(p)
            if len(p_toks) < KEEP_TOKENS:
                p_toks[p.id] = toks
        for t, s, e in toks:
            if t == term:
                ex.append({"text_id": p.id, "outlet": p.outlet, "start": s, "end": e, "quote": p.text[s:e]})
                break
        if len(ex) >= 3:
            break
    return ex


def distinctive_terms(target: Doc, peers: Sequence[Doc], top: int = TOP_TERMS) -> DistinctiveTerms:
    """Up to ``top`` terms with z >= Z_MIN (the target's words) and z <= -Z_MIN (the peers' words), with examples.

    Peers are counted one at a time (no peer's tokens are kept); the examples of the peers' terms
    tokenise only the peers scanned for them.
    """
    t_toks = content_tokens(target)
    ca = Counter(t for t, _, _ in t_toks)
    cb: Counter = Counter()
    for p in peers:
        cb.update(content_counts(p))
    p_toks: dict[str, list[tuple[str, int, int]]] = {}
    n_a, n_b = sum(ca.values()), sum(cb.values())
    scores = fightin_words(ca, cb)

    def row(term: str) -> dict[str, Any]:
        delta, z = scores[term]
        return {"term": term, "z": round(z, 4), "delta": round(delta, 4), "count_target": ca.get(term, 0), "count_peers": cb.get(term, 0),
                "rate_target": ca.get(term, 0) / n_a if n_a else 0.0, "rate_peers": cb.get(term, 0) / n_b if n_b else 0.0}

    ranked = sorted(scores, key=lambda w: (-scores[w][1], w))
    t_rows = []
    for w in ranked[:top]:
        if scores[w][1] < Z_MIN:
            break
        t_rows.append({**row(w), "examples": [{"start": s, "end": e, "quote": target.text[s:e]} for t, s, e in t_toks if t == w][:3]})
    p_rows = []
    for w in reversed(ranked[-top:]):
        if scores[w][1] > -Z_MIN:
            break
        p_rows.append({**row(w), "examples": _peer_examples(w, peers, p_toks)})
    return DistinctiveTerms(
        method=f"log_odds_informative_dirichlet_prior, |z| >= {Z_MIN}",
        prior=f"pooled counts of target and peers (alpha0 = {n_a + n_b})",
        tokenizer="regex word forms, lowercased (acronyms kept in capitals), scikit-learn English stop words, page furniture "
                  "(bylines, captions, credits, update lines), the outlet's own name, days and months removed",
        n_tokens_target=n_a,
        n_tokens_peers=n_b,
        target=tuple(t_rows),
        peers=tuple(p_rows),
    )
