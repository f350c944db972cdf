"""A trained layer over the attribution rules: which words are cues, and which span each one attributes.

The rules in :mod:`framing.analyzers.attribution.rules` find what the reporting-verb lexicon
names. PolNeAR (Newell, Margolin & Ruths 2018) annotates far more: perception
and stance verbs ("voters see him as ..."), positions ("Trump attacked
Clinton over ..."), nouns and prepositions ("in an interview"). This module
learns that long tail from the corpus's own training compartment, in two
steps, both logistic regressions over features read from the spaCy parse:

1. **cue**: every verb, noun, adjective and preposition of a sentence is a
   candidate cue, described by its lemma, tags, dependency relations, its
   children and head, the reporting lexicon's class, nearby quotation marks
   and whether a rule took it as a cue; the classifier gives the probability
   that it is the head of an attribution cue;
2. **content**: for each cue, a fixed set of candidate spans is built from the
   parse (each complement subtree, the rest of the sentence to the right, the
   sentence before the cue's subject, the head clause of an inserted "..., he
   said", quotations in the same or a neighbouring sentence, the rule's own
   content); the second classifier scores each candidate and the best one is
   kept.

A cue is kept when ``p(cue) * p(content)`` passes a threshold chosen by
cross-validation over the training articles, grouped by article, with the whole
analysis (rules + the fold's model) scored at each candidate threshold; a cue no
rule took must also pass ``threshold_new`` (0.4), and
:func:`framing.analyzers.attribution.learned.model_candidates` applies the product's own checks
(a speaker-like source for cues outside the lexicon, no content holding its own
cue). Contents of two kept cues that overlap by half or more are reduced to the
better-scored one.

Features never carry a name: proper nouns and name entities enter as
``<name>``, so no weight belongs to a person, party or country (tested by
swapping names in a fixed parse). Training, figures and thresholds are recorded
in ``framing/models/attribution_spans.card.json`` by :mod:`framing.train.attribution`
(``framing train attribution``); this module is inference only, plus the estimator's own ``fit``.
Scoring is a dictionary lookup per feature (the logistic regressions' weights
are kept as dicts): about a tenth of the bare parse time
(``benchmarks/attribution.py``).
"""

from __future__ import annotations

import bisect
import inspect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from framing.analyzers.attribution.cues import Lex, match_cue
from framing.analyzers.attribution.quotes import all_quotes
from framing.analyzers.spanindex import Overlaps
from framing.nlp.spans import trim
from framing.nlp.syntax import DIRECT, subject, tokens_span
from framing.schema import Span, overlap
from framing.schema.spans import overlap_share

#: parts of speech that can head a cue
CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADP", "PROPN"})
_QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "''", "``", "\u00ab", "\u00bb"})
_CLAUSE_DEPS = ("ccomp", "xcomp", "csubj", "dobj", "attr", "acomp", "oprd", "advcl", "prep", "dative", "acl", "relcl", "pobj", "pcomp", "appos", "npadvmod", "conj")


def _tokspan(doc, a: int, b: int, text: str) -> Span | None:
    """Characters of tokens a..b inclusive, trimmed (``text`` is the doc's text: ``doc.text`` rebuilds it)."""
    sp = tokens_span(doc[a : b + 1]) if a <= b else None
    return trim(text, sp.start, sp.end) if sp is not None else None


@dataclass
class Candidate:
    """One candidate content span for a cue, with the name of the construction that produced it."""

    kind: str
    spans: tuple[Span, ...]
    info: tuple[str, ...] = ()

    @property
    def length(self) -> int:
        return sum(s.end - s.start for s in self.spans)


def _sent_bounds(doc, i: int, ctx: FeatureContext | None) -> tuple[int, int]:
    """(first token, last token) of the sentence of token ``i``."""
    if ctx is not None:
        return ctx.sent_start[i], ctx.sent_end[i] - 1
    sent = doc[i].sent
    return sent.start, sent.end - 1


def content_candidates(parsed, tok, quotes: Sequence[Span], rule_content: Sequence[Span] = (), ctx: FeatureContext | None = None) -> list[Candidate]:
    """Candidate content spans for a cue headed by ``tok`` (see the module docstring)."""
    doc = parsed.doc
    text = parsed.text
    s0, s1 = _sent_bounds(doc, tok.i, ctx)
    out: list[Candidate] = []
    seen: set = set()

    def add(kind: str, spans, info=()) -> None:
        spans = tuple(sorted({s for s in spans if s is not None and s.end - s.start > 1}, key=lambda s: (s.start, s.end)))
        if not spans or spans in seen:
            return
        seen.add(spans)
        out.append(Candidate(kind, spans, tuple(info)))

    subj = subject(tok, DIRECT)
    # complement subtrees
    for c in tok.children:
        if c.dep_ in _CLAUSE_DEPS and c.i > tok.i:
            r = c.right_edge.i
            nxt_t = doc[r + 1] if r + 1 <= s1 else None
            ext = ("ext_none",) if nxt_t is None else ("ext_t=" + _word(nxt_t, False), "ext_pd=" + nxt_t.pos_ + "|" + nxt_t.dep_,
                                                        "ext_n=" + _bucket(s1 - r, (1, 2, 4, 8, 16)))
            add("child_" + c.dep_, [_tokspan(doc, c.left_edge.i, r, text)], ext)
            # the child and everything after it to the sentence end
            add("child_to_end_" + c.dep_, [_tokspan(doc, c.left_edge.i, s1, text)], ext)
        elif c.dep_ in ("ccomp", "csubj", "advcl", "nsubj", "nsubjpass") and c.i < tok.i and c.dep_ != "nsubj":
            add("left_child_" + c.dep_, [_tokspan(doc, c.left_edge.i, c.right_edge.i, text)])
    # a noun or preposition inside the cue phrase: 'claimed responsibility for X', 'called for X', 'skeptical of X'
    for c in tok.children:
        if c.i > tok.i and c.dep_ in ("dobj", "prep", "acomp", "xcomp", "attr", "advmod"):
            for g in c.children:
                if g.i > c.i and g.dep_ in ("prep", "pobj", "pcomp", "dobj", "ccomp", "xcomp"):
                    add("grandchild_" + g.dep_, [_tokspan(doc, g.left_edge.i, g.right_edge.i, text)])
                    if g.dep_ == "prep":
                        for h in g.children:
                            if h.dep_ in ("pobj", "pcomp"):
                                add("grandchild_pobj2", [_tokspan(doc, h.left_edge.i, h.right_edge.i, text)])
    # everything to the right of the cue in the sentence
    if tok.i < s1:
        add("right", [_tokspan(doc, tok.i + 1, s1, text)])
    # everything to the left of the cue's subject (or of the cue)
    left_end = (subj.left_edge.i if subj is not None and subj.i < tok.i else tok.i) - 1
    if left_end > s0:
        add("left", [_tokspan(doc, s0, left_end, text)])
    # inserted cue: the head clause minus the cue's own subtree
    if tok.dep_ in ("parataxis", "advcl", "conj", "ccomp") and tok.head.i != tok.i:
        h = tok.head
        a, b = h.left_edge.i, h.right_edge.i
        la, lb = tok.left_edge.i, tok.right_edge.i
        add("head_minus_own", [_tokspan(doc, a, la - 1, text), _tokspan(doc, lb + 1, b, text)])
    # sentence minus source and cue ('according to X, Y')
    if tok.left_edge.i > s0 or tok.right_edge.i < s1:
        add("sent_minus_own", [_tokspan(doc, s0, tok.left_edge.i - 1, text), _tokspan(doc, tok.right_edge.i + 1, s1, text)])
    # the whole sentence
    add("sentence", [_tokspan(doc, s0, s1, text)])
    # the next sentence ('He said:' / 'She explained.')
    if s1 + 1 < len(doc):
        j = s1 + 1 if not doc[s1 + 1].is_space or s1 + 2 >= len(doc) else s1 + 2
        a, b = _sent_bounds(doc, j, ctx)
        add("next_sentence", [_tokspan(doc, a, b, text)])
    if s0 > 0:
        a, b = _sent_bounds(doc, s0 - 1, ctx)
        add("prev_sentence", [_tokspan(doc, a, b, text)])
    # quotations in the sentence or touching a neighbouring sentence
    lo = _sent_bounds(doc, s0 - 1, ctx)[0] if s0 > 0 else s0
    hi = _sent_bounds(doc, s1 + 1, ctx)[1] if s1 + 1 < len(doc) else s1
    c_lo, c_hi = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    if ctx is not None and quotes is ctx.quotes:
        near = ctx.quotes_between(c_lo, c_hi)  # by bisect: a scan of every quotation per cue is quadratic
    else:
        near = [q for q in quotes if q.end > c_lo and q.start < c_hi]
    for q in near:
        where = "same" if q.start < doc[s1].idx + len(doc[s1].text) and q.end > doc[s0].idx else ("before" if q.end <= doc[s0].idx else "after")
        gap = len(text[min(q.end, tok.idx):max(q.start, tok.idx)].split())
        add("quote", [Span(q.start, q.end)], ("q_where=" + where, "q_gap=" + _bucket(gap, (0, 1, 2, 4, 8, 16))))
    if len(near) > 1:
        # a quote split by its attribution: the two pieces around the cue
        before = [q for q in near if q.end <= tok.idx]
        after = [q for q in near if q.start > tok.idx]
        if before and after:
            add("quote_pair", [before[-1], after[0]])
    if rule_content:
        add("rule", list(rule_content))
    return out


def cue_tokens(doc) -> Iterable[Any]:
    for t in doc:
        if t.pos_ in CUE_POS and not t.is_space:
            yield t


# --------------------------------------------------------------------------- features


def _bucket(n: int, edges=(1, 2, 3, 5, 8, 12, 20, 30, 50)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "more"


class FeatureContext:
    """Per-article lookups shared by the feature functions."""

    def __init__(self, parsed, rule_cands: Sequence[Any], lex: Lex) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.text = parsed.text
        self.lex = lex
        self.quotes = all_quotes(parsed)
        self._quote_index = Overlaps()
        self._empty_quotes = [i for i, q in enumerate(self.quotes) if q.end <= q.start]
        for i, q in enumerate(self.quotes):
            self._quote_index.add(q, i)
        n = len(self.doc)
        toks = list(self.doc)
        self.tok_starts = [t.idx for t in toks]
        self.pos = [t.pos_ for t in toks]
        self.lower = [_word(t, False) for t in toks]
        # token -> inside a quotation
        self.in_quote = [False] * n
        starts = sorted(self.quotes, key=lambda q: q.start)
        qi = 0
        for i, idx in enumerate(self.tok_starts):
            while qi < len(starts) and starts[qi].end <= idx:
                qi += 1
            if qi < len(starts) and starts[qi].start <= idx < starts[qi].end:
                self.in_quote[i] = True
        # prefix counts: tokens inside quotations, verbs
        self.qpre = [0] * (n + 1)
        self.vpre = [0] * (n + 1)
        for i in range(n):
            self.qpre[i + 1] = self.qpre[i] + self.in_quote[i]
            self.vpre[i + 1] = self.vpre[i] + (self.pos[i] in ("VERB", "AUX"))
        self.quote_tok = [t.text in _QUOTE_MARKS or t.text in ("\u201c", "\u201d") for t in toks]
        self.rule_by_tok: dict[int, Any] = {}
        for c in rule_cands:
            if c.cue_tok is not None and c.cue_tok >= 0:
                self.rule_by_tok.setdefault(c.cue_tok, c)
        self.sent_has_quote = {}
        self.sent_start = [0] * n
        self.sent_end = [0] * n
        for s in self.doc.sents:
            a, b = s.start, s.end
            self.sent_has_quote[a] = any(self.quote_tok[i] for i in range(a, b))
            for i in range(a, b):
                self.sent_start[i] = a
                self.sent_end[i] = b

    def quotes_between(self, lo: int, hi: int) -> list[Span]:
        """``[q for q in self.quotes if q.end > lo and q.start < hi]``, in the same order, by bisect."""
        keys = set(self._quote_index.keys_overlapping(Span(lo, hi)))
        keys.update(i for i in self._empty_quotes if self.quotes[i].end > lo and self.quotes[i].start < hi)
        return [self.quotes[i] for i in sorted(keys)]


_SIG_DEPS = frozenset({"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "prep", "dative", "agent", "advcl", "parataxis", "attr", "acomp"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})


def _word(t, lemma: bool = True) -> str:
    """A token as a feature: its lemma (or lower-case form), or ``<name>`` for names, so that no feature can tie
    an attribution to a particular person, party or country (swapping names leaves every score unchanged)."""
    if t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS:
        return "<name>"
    return t.lemma_.lower() if lemma else t.lower_


def cue_features(tok, ctx: FeatureContext) -> dict[str, float]:
    doc = ctx.doc
    lem = _word(tok)
    f: dict[str, float] = {
        "lem=" + lem: 1, "pos=" + tok.pos_: 1, "tag=" + tok.tag_: 1, "dep=" + tok.dep_: 1,
        "lem_dep=" + lem + "|" + tok.dep_: 1, "lem_pos=" + lem + "|" + tok.pos_: 1,
        "hlem=" + _word(tok.head): 1, "hpos_dep=" + tok.head.pos_ + "|" + tok.dep_: 1,
        "lem_hlem=" + lem + "|" + _word(tok.head): 1,
    }
    deps = set()
    for c in tok.children:
        d = c.dep_
        deps.add(d)
        f["cdep=" + d] = 1
        if d in ("ccomp", "xcomp", "dobj", "prep", "dative", "nsubj", "nsubjpass", "agent", "attr", "acomp", "advcl", "parataxis", "mark", "aux", "neg"):
            f["lem_cdep=" + lem + "|" + d] = 1
        if d in ("prep", "agent", "mark", "aux", "advmod"):
            f["cw=" + d + "|" + _word(c, False)] = 1
            f["lem_cw=" + lem + "|" + _word(c, False)] = 1
        if d in ("nsubj", "nsubjpass"):
            f["subj_pos=" + c.pos_] = 1
            f["subj_ent=" + (c.ent_type_ or "-")] = 1
            if c.pos_ == "PRON" or c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or c.lemma_.lower() in ctx.lex.source_heads or c.lemma_.lower() in ctx.lex.agent_nouns:
                f["subj_animate"] = 1
                f["lem_subj_animate=" + lem] = 1
            if c.pos_ == "PRON":
                f["subj_pron=" + c.lower_] = 1
            else:
                f["subj_lem=" + _word(c)] = 1
        if d == "ccomp":
            m = next((x.lower_ for x in c.children if x.dep_ == "mark"), "-")
            f["ccomp_mark=" + m] = 1
    if tok.pos_ in ("VERB", "AUX") and not (deps & {"nsubj", "nsubjpass", "csubj", "expl"}):
        f["nosubj"] = 1
    sig = "+".join(sorted(deps & _SIG_DEPS)) or "-"
    f["sig=" + sig] = 1
    f["lem_sig=" + lem + "|" + sig] = 1
    m = match_cue(tok, ctx.lex)
    if m is not None:
        cue = m[0]
        f["lex"] = 1
        f["lex_cls=" + cue.cls] = 1
        f["lex_act=" + cue.act] = 1
        f["lex_content=" + cue.content] = 1
        f["lex_words=" + str(len(cue.words))] = 1
    rc = ctx.rule_by_tok.get(tok.i)
    if rc is not None:
        f["rule"] = 1
        # the model was trained before noun-phrase objects got their own rule id (verb_topic): same feature
        f["rule=" + rc.rule.rsplit(".", 1)[-1].replace("verb_topic", "verb_object")] = 1
        f["rule_type=" + rc.type] = 1
    f["inq"] = float(ctx.in_quote[tok.i])
    ss, se = ctx.sent_start[tok.i], ctx.sent_end[tok.i]
    f["sentq"] = float(ctx.sent_has_quote.get(ss, False))
    f["lem_q=" + lem + "|" + str(ctx.in_quote[tok.i]) + str(ctx.sent_has_quote.get(ss, False))] = 1
    # distance to the nearest quotation mark in the sentence
    best = 99
    for j in range(max(ss, tok.i - 6), min(se, tok.i + 7)):
        if ctx.quote_tok[j]:
            best = min(best, abs(j - tok.i))
    f["qdist=" + _bucket(best, (1, 2, 3, 4, 6))] = 1
    f["sentpos=" + _bucket(tok.i - ss, (0, 1, 2, 4, 8, 16))] = 1
    # quotation marks at the edges of the neighbouring sentences ('"...," he said.' / 'He said: "..."')
    if (ss > 0 and ctx.quote_tok[ss - 1]) or (ss > 1 and ctx.quote_tok[ss - 2]):
        f["prev_sent_ends_q"] = 1
    if se < len(doc) and (ctx.quote_tok[se] or (se + 1 < len(doc) and ctx.quote_tok[se + 1])):
        f["next_sent_starts_q"] = 1
    f["sentlen=" + _bucket(se - ss, (5, 10, 20, 40))] = 1
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    f["prev=" + (_word(prev, False) if prev is not None else "<s>")] = 1
    f["next=" + (_word(nxt, False) if nxt is not None else "</s>")] = 1
    f["lem_next=" + lem + "|" + (_word(nxt, False) if nxt is not None else "</s>")] = 1
    if prev is not None:
        f["prevpos=" + prev.pos_] = 1
    if nxt is not None:
        f["nextpos=" + nxt.pos_] = 1
    return f


def content_features(tok, cand: Candidate, ctx: FeatureContext, rule_content: Sequence[Span] = ()) -> dict[str, float]:
    doc = ctx.doc
    text = ctx.text
    lem = _word(tok)
    k = cand.kind
    kb = k.split("_")[0] if k.startswith(("child", "grandchild", "left_child")) else k
    ntok = len(text[cand.spans[0].start:cand.spans[-1].end].split())
    f: dict[str, float] = {
        "k=" + k: 1, "kb=" + kb: 1, "k_pos=" + k + "|" + tok.pos_: 1, "k_dep=" + k + "|" + tok.dep_: 1,
        "k_lem=" + k + "|" + lem: 1, "len=" + _bucket(ntok): 1, "k_len=" + k + "|" + _bucket(ntok): 1,
        "nfrag=" + str(len(cand.spans)): 1,
    }
    first = cand.spans[0]
    # the tokens the candidate covers (as Doc.char_span with alignment_mode="expand")
    a = max(0, bisect.bisect_right(ctx.tok_starts, first.start) - 1)
    b = bisect.bisect_right(ctx.tok_starts, max(first.start + 1, cand.spans[-1].end) - 1)
    if b > a:
        f["first=" + ctx.lower[a]] = 1
        f["k_first=" + k + "|" + ctx.pos[a]] = 1
        f["last=" + ctx.pos[b - 1]] = 1
        qin = (ctx.qpre[b] - ctx.qpre[a]) / (b - a)
        f["qshare=" + ("0" if qin == 0 else "all" if qin > 0.9 else "some")] = 1
        f["k_q=" + k + "|" + ("0" if qin == 0 else "all" if qin > 0.9 else "some")] = 1
        f["hasverb"] = float(ctx.vpre[b] > ctx.vpre[a])
        f["cue_inside"] = float(a <= tok.i < b)
    for x in cand.info:
        f[x] = 1
        f[k + "|" + x] = 1
    f["after"] = float(first.start > tok.idx)
    f["k_after=" + k + "|" + str(first.start > tok.idx)] = 1
    send = doc[ctx.sent_end[tok.i] - 1]
    f["to_sent_end"] = float(cand.spans[-1].end >= send.idx)
    if rule_content:
        rl = sum(r.end - r.start for r in rule_content)
        inter = sum(overlap(r, s) for r in rule_content for s in cand.spans)
        ov = inter / max(rl, cand.length)
        f["rule_ov=" + ("1" if ov > 0.95 else "hi" if ov >= 0.5 else "lo" if ov > 0 else "0")] = 1
    else:
        f["norule"] = 1
    return f


def candidate_features(tok, cands: Sequence[Candidate], ctx: FeatureContext, rule_content: Sequence[Span] = ()) -> list[dict[str, float]]:
    """:func:`content_features` of every candidate of one cue, plus where each ranks by length among them."""
    feats = [content_features(tok, c, ctx, rule_content) for c in cands]
    if not cands:
        return feats
    order = sorted(range(len(cands)), key=lambda j: cands[j].length)
    n = len(cands)
    for r, j in enumerate(order):
        f = feats[j]
        f["lenrank=" + ("shortest" if r == 0 else "longest" if r == n - 1 else "mid")] = 1
        f[cands[j].kind + "|lenrank=" + ("shortest" if r == 0 else "longest" if r == n - 1 else "mid")] = 1
    kinds = {c.kind for c in cands}
    for c, f in zip(cands, feats):
        # which alternatives exist: a bare 'child_dobj' competes differently when a clause is also on offer
        for alt in ("child_ccomp", "quote", "quote_pair", "rule", "head_minus_own"):
            if alt in kinds and alt != c.kind:
                f["alt=" + alt] = 1
    return feats


# --------------------------------------------------------------------------- the model


class _Linear:
    """A logistic regression kept as a feature -> weight dict: scoring a few hundred sparse dicts per article
    this way is several times faster than building a matrix for scikit-learn (the weights are scikit-learn's)."""

    def __init__(self, weights: dict[str, float], bias: float) -> None:
        self.weights = weights
        self.bias = bias

    def proba(self, feats: dict[str, float]) -> float:
        w = self.weights
        z = self.bias
        for k, v in feats.items():
            x = w.get(k)
            if x is not None:
                z += x * v
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


def _fit_linear(X: Sequence[dict], y: Sequence[int], *, C: float, min_count: int) -> _Linear:
    """Logistic regression (liblinear, L2) over the features seen at least ``min_count`` times."""
    import numpy as np  # lazy: heavy (fitting only; scoring is a dict lookup)
    import scipy.sparse as sp  # lazy: heavy (fitting only)
    from sklearn.linear_model import LogisticRegression  # lazy: heavy (fitting only)

    counts: dict[str, int] = {}
    for f in X:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    vocab = {k: i for i, k in enumerate(sorted(k for k, n in counts.items() if n >= min_count))}
    indptr, indices, data = [0], [], []
    for f in X:
        for k, v in f.items():
            j = vocab.get(k)
            if j is not None:
                indices.append(j)
                data.append(float(v))
        indptr.append(len(indices))
    m = sp.csr_matrix((np.asarray(data), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
                      shape=(len(X), len(vocab)))
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=2000)
    clf.fit(m, np.asarray(y))
    coef = clf.coef_[0]
    names = sorted(vocab, key=lambda k: vocab[k])
    return _Linear({k: float(coef[i]) for i, k in enumerate(names) if abs(coef[i]) > 1e-6}, float(clf.intercept_[0]))


#: (score, cue token index, chosen content candidate, p(cue))
Pick = tuple[float, int, Candidate, float]


class AttributionSpanModel:
    """The two classifiers and the decision threshold (see the module docstring).

    A scikit-learn estimator: ``__init__`` stores the parameters, :meth:`fit`
    returns ``self``, learned state ends in ``_`` (``cue_``, ``content_``,
    ``cue_lemmas_``), and :meth:`get_params` / :meth:`set_params` make
    ``sklearn.base.clone`` work.
    """

    def __init__(self, *, c_cue: float = 0.3, c_content: float = 0.3, min_count: int = 2, min_cue: float = 0.15,
                 threshold: float = 0.3, threshold_new: float = 0.4, dedup: float = 0.5) -> None:
        self.c_cue = c_cue
        self.threshold_new = threshold_new
        self.c_content = c_content
        self.min_count = min_count
        self.min_cue = min_cue
        self.threshold = threshold
        self.dedup = dedup

    @classmethod
    def _param_names(cls) -> list[str]:
        return sorted(p.name for p in inspect.signature(cls.__init__).parameters.values()
                      if p.name != "self" and p.kind == p.KEYWORD_ONLY)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor parameters (no parameter is itself an estimator, so ``deep`` changes nothing)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> AttributionSpanModel:
        """Set constructor parameters; an unknown name is a ValueError (as in scikit-learn)."""
        valid = set(self._param_names())
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"invalid parameter {name!r} for {type(self).__name__}; valid: {sorted(valid)}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.get_params().items())})"

    def fit(self, cue_X: Sequence[dict], cue_y: Sequence[int], content_X: Sequence[dict], content_y: Sequence[int]) -> AttributionSpanModel:
        self.cue_ = _fit_linear(cue_X, cue_y, C=self.c_cue, min_count=self.min_count)
        # lemmas that headed a cue in training: other tokens are not scored (a word never seen as a cue gets a low
        # probability anyway, and skipping it keeps the model's cost small beside the parse)
        # and lemmas frequent in training (>= 20 tokens) that headed a cue less than 1% of the time ('be', 'have')
        # are skipped too: about half the candidate tokens, 1.6% of the cues, nearly all of which score low anyway
        seen: dict[str, list[int]] = {}
        for f, y in zip(cue_X, cue_y):
            lem = next((k[4:] for k in f if k.startswith("lem=")), None)
            if lem is not None:
                c = seen.setdefault(lem, [0, 0])
                c[0] += 1
                c[1] += int(y)
        self.cue_lemmas_ = frozenset(lem for lem, (n, pos) in seen.items() if pos and not (n >= 20 and pos / n < 0.01))
        self.content_ = _fit_linear(content_X, content_y, C=self.c_content, min_count=self.min_count)
        return self

    def cue_proba(self, feats: Sequence[dict]) -> list[float]:
        return [self.cue_.proba(f) for f in feats]

    def content_proba(self, feats: Sequence[dict]) -> list[float]:
        return [self.content_.proba(f) for f in feats]

    def predict(self, parsed, rule_cands: Sequence[Any], lex: Lex) -> list[Pick]:
        """(score, cue token index, chosen candidate, p(cue)) for every cue whose score passes ``threshold``,
        best first, contents overlapping a better pick by ``dedup`` or more dropped."""
        return self.predict_at(parsed, FeatureContext(parsed, rule_cands, lex), self.threshold)

    def predict_at(self, parsed, ctx: FeatureContext, threshold: float) -> list[Pick]:
        """:meth:`predict` at another ``threshold`` (training sweeps thresholds over one set of picks)."""
        doc = parsed.doc
        out: list[Pick] = []
        floor = max(self.min_cue, threshold)
        lemmas = getattr(self, "cue_lemmas_", None)
        for t in cue_tokens(doc):
            if lemmas is not None and _word(t) not in lemmas and t.i not in ctx.rule_by_tok:
                continue
            pc = self.cue_.proba(cue_features(t, ctx))
            if pc < floor:
                continue
            r = ctx.rule_by_tok.get(t.i)
            rc = tuple(r.content) if r is not None else ()
            cands = content_candidates(parsed, t, ctx.quotes, rc, ctx)
            if not cands:
                continue
            best, bp = None, -1.0
            for c, cf in zip(cands, candidate_features(t, cands, ctx, rc)):
                p = self.content_.proba(cf)
                if p > bp:
                    best, bp = c, p
            score = pc * bp
            if best is not None and score >= threshold:
                out.append((score, t.i, best, pc))
        out.sort(key=lambda x: -x[0])
        if self.dedup:
            kept: list[Pick] = []
            index = Overlaps()  # kept picks by their spans: only overlapping ones can reach a positive share
            for x in out:
                near = {j: None for sp in x[2].spans for j in index.keys_overlapping(sp)} if self.dedup > 0 else range(len(kept))
                if any(overlap_share(x[2].spans, kept[j][2].spans) >= self.dedup for j in near):
                    continue
                for sp in x[2].spans:
                    index.add(sp, len(kept))
                kept.append(x)
            out = kept
        return out
