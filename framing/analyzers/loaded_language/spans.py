"""The learned span detector of loaded language: token features, the estimator, proposals (inference only).

What it measures
    For every content word of a sentence (adjective, adverb, verb, common noun;
    never a name), the probability in [0, 1] that annotators would mark it as
    loaded: a bias-inducing word of BABE/MBIC (``biased_words``), a lexical-bias
    span of BASIL, or a Loaded_Language / Name_Calling span of the Propaganda
    Techniques Corpus (Da San Martino et al. 2019). Adjacent words over the
    threshold form one proposed span.

Model
    :class:`LoadedSpanTagger` -- a logistic regression over a window of token
    features (:func:`token_features`): the word and its lemma, POS tag,
    dependency label, the POS and lemma of its neighbours and of its syntactic
    head, a 3-letter suffix, whether a lexicon of the analyzer covers it (and
    with which category), and the word's prior subjectivity, polarity and
    intensity from TextBlob's Pattern lexicon and VADER's valence lexicon (both
    shipped in their wheels). Names are masked: a proper noun or a token of a
    named entity is never a candidate, and as a neighbour or head it is seen
    only as ``<name>`` (even-handedness: no feature can say whose name it is).

    The detector explains itself: the features with the largest positive
    contribution ``coef * x`` to a proposal's log-odds are reported with it
    (``detail`` of the span).

Use in the analyzer
    Proposals that overlap a lexicon hit are dropped (the lexicon entry, with
    its alternative, is the better report); the others become spans with rule
    ``model:loaded_spans@<sha8>``, ``category`` ``model_proposal``, weight =
    the probability. Only proposals at or above the card's precision-oriented
    threshold are reported (:attr:`LoadedSpanTagger.threshold_`).

Known limits
    Word-level: it cannot see irony or a phrase whose words are each plain
    ("brought justice to"); trained on US and international news of
    2010-2020; the datasets disagree on what counts (BABE marks single words,
    PTC whole phrases), which caps its F1. Figures in the model card
    (``framing/models/loaded_spans.card.json``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, LOWER, POS, TAG

from framing.analyzers.loaded_language.rules import valence_lexicon
from framing.errors import ModelError
from framing.resources import textblob_data
from framing.resources.estimator import ClassifierEstimator

#: Name of the model in :mod:`framing.resources.models` (the artifact its card names in ``framing/models/``).
MODEL_NAME = "loaded_spans"
#: Prefix of its rule id: ``model:loaded_spans@<first 8 hex digits of the artifact sha256>``.
RULE_PREFIX = "loaded_spans"
#: Category of a proposal in the analyzer's spans.
CATEGORY = "model_proposal"
#: Parts of speech that can be loaded (candidates); every other token is context only.
CANDIDATE_POS = frozenset({"ADJ", "ADV", "VERB", "NOUN"})
#: Entity labels whose tokens are names (masked).
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
NAME = "<name>"
NEGATORS = frozenset({"not", "n't", "no", "never", "neither", "nor", "without"})
#: Cascade margin (log-odds): a word whose context-free features leave it more than this below the threshold is not
#: scored further. Larger than any context contribution measured on the 80 corpus articles (2.43; 99.9th
#: percentile 1.79); there the cascade scores 22% of the candidates and changes no proposal.
CONTEXT_MARGIN = 3.0


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed loaded span: token range ``[i, j)`` of the doc, character offsets, probability, driving features."""

    i: int
    j: int
    start: int
    end: int
    prob: float
    features: tuple[str, ...]


def _bucket_subj(x: float) -> str:
    return "0" if x < 0.1 else "lo" if x < 0.5 else "mid" if x < 0.8 else "hi"


def _bucket_val(v: float) -> str:
    a = abs(v)
    sign = "-" if v < 0 else "+"
    return "0" if a < 0.05 else f"{sign}lo" if a < 1.5 else f"{sign}mid" if a < 2.5 else f"{sign}hi"


@functools.lru_cache(maxsize=200_000)
def _prior(word: str, lemma: str) -> dict[str, str]:
    tb, vd = textblob_data.word_scores(), valence_lexicon()
    out = {}
    t = tb.get(word) or tb.get(lemma)
    if t is not None:
        out["tb_subj"] = _bucket_subj(t[1])
        out["tb_pol"] = "0" if abs(t[0]) < 0.1 else ("+" if t[0] > 0 else "-")
    v = vd.get(word, vd.get(lemma))
    if v is not None:
        out["vader"] = _bucket_val(v)
    return out


@dataclass(frozen=True, slots=True)
class DocTokens:
    """The per-token arrays of a parsed doc the features read (one ``to_array`` export)."""

    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    start: list[int]
    end: list[int]
    name: list[bool]


_STRINGS: dict[int, str] = {}


def doc_tokens(doc) -> DocTokens:
    """Export the token attributes of ``doc`` once (strings resolved, names flagged)."""
    if len(doc) == 0:
        return DocTokens([], [], [], [], [], [], [], [], [])
    arr = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, HEAD, IDX, LENGTH, ENT_TYPE])
    s = doc.vocab.strings
    name_ids = {s.add(x) for x in NAME_ENTS}
    rows = arr.tolist()
    n = len(rows)
    cache = _STRINGS
    if len(cache) > 500_000:  # pragma: no cover - bound the cache in very long runs
        cache.clear()

    def text_of(h: int) -> str:
        v = cache.get(h)
        if v is None:
            v = cache[h] = s[h]
        return v

    lower = [text_of(r[0]) for r in rows]
    lemma = [text_of(r[1]).lower() for r in rows]
    pos = [text_of(r[2]) for r in rows]
    tag = [text_of(r[3]) for r in rows]
    dep = [text_of(r[4]) for r in rows]
    head = [i + (r[5] if r[5] < 2**63 else r[5] - 2**64) for i, r in enumerate(rows)]
    head = [h if 0 <= h < n else i for i, h in enumerate(head)]
    start = [r[6] for r in rows]
    end = [r[6] + r[7] for r in rows]
    name = [pos[i] == "PROPN" or r[8] in name_ids for i, r in enumerate(rows)]
    return DocTokens(lower, lemma, pos, tag, dep, head, start, end, name)


def _ctx_word(t: DocTokens, k: int) -> str:
    return NAME if t.name[k] else t.lemma[k]


def is_candidate(t: DocTokens, i: int) -> bool:
    """A content word that is not a name (the only tokens the detector scores)."""
    return t.pos[i] in CANDIDATE_POS and not t.name[i] and t.lower[i].isalpha() and len(t.lower[i]) > 1


@functools.lru_cache(maxsize=200_000)
def _intrinsic(w: str, lem: str, pos: str, tag: str, dep: str) -> tuple[tuple[str, int], ...]:
    """The features of a token that do not depend on its context (cached: words repeat across articles)."""
    f = {"w=" + w: 1, "l=" + lem: 1, "p=" + pos: 1, "t=" + tag: 1, "d=" + dep: 1, "suf=" + w[-3:]: 1,
         "pd=" + pos + "_" + dep: 1}
    for k, v in _prior(w, lem).items():
        f[f"{k}={v}"] = 1
        f[f"{k}={v}|p={pos}"] = 1
    return tuple(f.items())


def token_features(t: DocTokens, i: int, s0: int, s1: int, lex: dict[int, str]) -> dict[str, Any]:
    """The feature dict of token ``i`` of sentence ``[s0, s1)``; ``lex`` maps token index -> lexicon category."""
    f: dict[str, Any] = dict(_intrinsic(t.lower[i], t.lemma[i], t.pos[i], t.tag[i], t.dep[i]))
    if i - 1 >= s0:
        f["l-1=" + _ctx_word(t, i - 1)] = 1
        f["p-1=" + t.pos[i - 1]] = 1
    else:
        f["bos"] = 1
    if i + 1 < s1:
        f["l+1=" + _ctx_word(t, i + 1)] = 1
        f["p+1=" + t.pos[i + 1]] = 1
        for k, v in _prior(t.lower[i + 1], t.lemma[i + 1]).items():
            f[f"next_{k}={v}"] = 1
    h = t.head[i]
    if h != i:
        f["hl=" + _ctx_word(t, h)] = 1
        f["hp=" + t.pos[h]] = 1
    cat = lex.get(i)
    if cat:
        f["lex=" + cat] = 1
    if any(t.lower[k] in NEGATORS for k in range(max(s0, i - 3), i)):
        f["neg_before"] = 1
    return f


def sentence_candidates(t: DocTokens, s0: int, s1: int, lex: dict[int, str]) -> tuple[list[int], list[dict[str, Any]]]:
    """Candidate token indices of one sentence and their feature dicts."""
    idx = [i for i in range(s0, s1) if is_candidate(t, i)]
    return idx, [token_features(t, i, s0, s1, lex) for i in idx]


def _int32(M):
    """The CSR matrix with 32-bit indices (DictVectorizer may build 64-bit ones, which liblinear refuses)."""
    M = M.tocsr()
    M.indices = M.indices.astype(np.int32, copy=False)
    M.indptr = M.indptr.astype(np.int32, copy=False)
    return M


class LoadedSpanTagger(ClassifierEstimator):
    """Logistic regression over token feature dicts (see the module docstring); ``threshold`` is set by training."""

    def __init__(self, *, C: float = 0.5, threshold: float = 0.5, class_weight: Any = None, max_iter: int = 2000,
                 min_count: int = 2) -> None:
        self.C = C
        self.threshold = threshold
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.min_count = min_count

    def fit(self, X: Sequence[dict[str, Any]], y: Sequence[int]) -> LoadedSpanTagger:
        from sklearn.feature_extraction import DictVectorizer  # lazy: heavy (scikit-learn), fitting only
        from sklearn.linear_model import LogisticRegression  # lazy: heavy (scikit-learn), fitting only

        counts: dict[str, int] = {}
        for x in X:
            for k in x:
                counts[k] = counts.get(k, 0) + 1
        keep = {k for k, n in counts.items() if n >= self.min_count}  # rare features (seen once) are dropped
        vec = DictVectorizer()
        M = _int32(vec.fit_transform([{k: v for k, v in x.items() if k in keep} for x in X]))
        lr = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter, solver="liblinear")
        lr.fit(M, np.asarray(y, dtype=int))
        self.classes_ = lr.classes_
        self.threshold_ = float(self.threshold)
        # the linear model as a dict: scoring a token is a few lookups (no vectorizer, no sparse matrix per article)
        self.weights_ = {str(n): round(float(c), 5) for n, c in zip(vec.get_feature_names_out(), lr.coef_[0])
                         if abs(c) >= 1e-4}
        self.bias_ = float(lr.intercept_[0])
        return self

    def decision(self, x: dict[str, Any]) -> float:
        """The log-odds of one feature dict: intercept + sum of ``coef * value`` over its known features."""
        w = self.weights_
        return self.bias_ + sum(w.get(k, 0.0) * float(v) for k, v in x.items())

    def predict_proba(self, X: Sequence[dict[str, Any]]) -> np.ndarray:
        if not X:
            return np.zeros((0, 2))
        z = np.fromiter((self.decision(x) for x in X), dtype=float, count=len(X))
        p = 1.0 / (1.0 + np.exp(-z))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Sequence[dict[str, Any]]) -> np.ndarray:
        return (self.predict_proba(X)[:, 1] >= self.threshold_).astype(int)

    def explain(self, x: dict[str, Any], *, top: int = 3) -> tuple[str, ...]:
        """The ``top`` features with the largest positive contribution ``coef * x`` to the log-odds of ``x``."""
        w = self.weights_
        contrib = [(w[k] * float(v), k) for k, v in x.items() if k in w]
        contrib.sort(reverse=True)
        return tuple(f"{k} ({c:+.2f})" for c, k in contrib[:top] if c > 0)


def propose(doc, tagger: LoadedSpanTagger, sentence_ranges: Sequence[tuple[int, int]],
            lex: dict[int, str], *, taken: set[int] | frozenset[int] = frozenset(),
            tokens: DocTokens | None = None) -> list[Proposal]:
    """Proposed loaded spans of ``doc``: runs of adjacent candidate tokens at or above ``tagger.threshold_``.

    ``lex`` maps token index -> lexicon category (a feature); tokens in ``taken`` (covered by a lexicon hit) are
    never proposed, so they are not scored. A cascade (:data:`CONTEXT_MARGIN`) skips words whose context-free
    features alone leave them far below the threshold.
    """
    t = tokens or doc_tokens(doc)
    idx: list[int] = []
    feats: list[dict[str, Any]] = []
    floor = math.log(tagger.threshold_ / (1.0 - tagger.threshold_)) - CONTEXT_MARGIN if 0 < tagger.threshold_ < 1 else -1e9
    zcache = tagger.__dict__.setdefault("_intrinsic_z", {})
    w = tagger.weights_
    for s0, s1 in sentence_ranges:
        for i in range(s0, s1):
            if i in taken or not is_candidate(t, i):
                continue
            key = (t.lower[i], t.lemma[i], t.pos[i], t.tag[i], t.dep[i])
            zi = zcache.get(key)
            if zi is None:
                zi = zcache[key] = tagger.bias_ + sum(w.get(k, 0.0) * v for k, v in _intrinsic(*key))
            if zi < floor:  # the cascade: no context can lift this word over the threshold
                continue
            idx.append(i)
            feats.append(token_features(t, i, s0, s1, lex))
    if not idx:
        return []
    p = tagger.predict_proba(feats)[:, 1]
    thr = tagger.threshold_
    keep = {i: (float(pi), fi) for i, pi, fi in zip(idx, p, feats) if pi >= thr}
    out: list[Proposal] = []
    for i in sorted(keep):
        prob, f = keep[i]
        if out and out[-1].j == i:  # extend a run of adjacent proposals
            last = out[-1]
            out[-1] = Proposal(last.i, i + 1, last.start, t.end[i], max(last.prob, prob),
                               last.features + tagger.explain(f, top=2))
        else:
            out.append(Proposal(i, i + 1, t.start[i], t.end[i], prob, tagger.explain(f)))
    return out


def as_tagger(obj: Any) -> LoadedSpanTagger:
    """``obj`` if it is a fitted :class:`LoadedSpanTagger`, else :class:`~framing.errors.ModelError`."""
    if not isinstance(obj, LoadedSpanTagger) or not hasattr(obj, "weights_"):
        raise ModelError(f"the {MODEL_NAME} artifact is not a fitted LoadedSpanTagger (got {type(obj).__name__}); "
                         "rebuild it with: framing train loaded-spans")
    return obj
