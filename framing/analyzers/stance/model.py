"""Target-dependent sentiment: how a sentence treats one named target (negative / neutral / positive).

What it measures
----------------
Given a sentence and the character span of a target mention in it, the
probability that the sentence speaks of the target negatively, neutrally or
positively (NewsMTSC's three classes; Hamborg & Donnay, EACL 2021). Used by
:mod:`framing.analyzers.stance` for every sentence in which an actor is mentioned.

Model
-----
A scikit-learn logistic regression (multinomial, balanced classes) over a
sparse bag of *prefixed* features built from one spaCy parse of the sentence:

* ``s:`` words and bigrams of the whole sentence;
* ``w:`` / ``wl:`` / ``wr:`` words in a window of :data:`WINDOW` tokens around
  the target (any side / left / right);
* ``d:`` the target's dependency neighbourhood: its relation and governing
  word (``d:nsubj>criticize``), modifiers of the target (``d:amod<corrupt``),
  words under the governing verb (its object, complements, negation), and the
  governing verb's own governor;
* ``v:`` VADER intensity (compound) of the window and the sentence, binned.

Names never become features: the target is replaced by ``TGT`` and every
other PERSON/ORG/NORP/GPE entity by ``ENT`` (as is any name known from
``lexicons/countries.tsv``), so the model cannot learn that a *name* is good
or bad — the property the symmetry tests rely on.

Known limits: a bag of features, not a reader; sarcasm, long-range irony and
sentiment expressed by quoted speakers are read like the author's words.
Trained on US political news; other domains will do worse.

Literature: Hamborg & Donnay (2021) for the data and task; Jiang et al. (2011)
for target-dependent features from the dependency parse; Hutto & Gilbert
(2014) for VADER.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.resources import lexicons

__all__ = ["ARTIFACT", "CLASSES", "MODEL", "WINDOW", "explain", "features", "predict_proba", "target_token_indices",
           "tokens_of", "vader"]

CLASSES = ("negative", "neutral", "positive")
WINDOW = 4
MODEL = "stance_target_sentiment"  # the name in framing.resources.models (ctx.models[MODEL])
ARTIFACT = MODEL + ".joblib"
_ENT_LABELS = {"PERSON", "ORG", "NORP", "GPE"}

# A token record: (idx, text, lemma, pos, dep, head index, ent_type). Offsets are relative to the sentence.
Tok = tuple


def tokens_of(span) -> tuple[Tok, ...]:
    """Token records of a spaCy Doc or Span, offsets relative to its first character."""
    base = span[0].idx if len(span) else 0
    first = span[0].i if len(span) else 0
    out = []
    for t in span:
        h = t.head.i - first
        if h < 0 or h >= len(span):
            h = t.i - first
        out.append((t.idx - base, t.text, t.lemma_, t.pos_, t.dep_, h, t.ent_type_))
    return tuple(out)


@functools.cache
def vader() -> SentimentIntensityAnalyzer:
    """One VADER analyser per process (Hutto & Gilbert 2014)."""
    return SentimentIntensityAnalyzer()


@functools.cache
def _name_words() -> frozenset[str]:
    """Capitalised words of every state name, short form, demonym and capital (masked as ``ENT``)."""
    out: set[str] = set()
    for e in lexicons.load("countries"):
        for cell in (e["term"], e["aliases"], e["demonyms"], e["capitals"]):
            for a in cell.split("|"):
                out.update(w for w in a.split() if w[:1].isupper())
    return frozenset(out)


def _bin(x: float) -> str:
    if x <= -0.5:
        return "nn"
    if x <= -0.05:
        return "n"
    if x < 0.05:
        return "0"
    if x < 0.5:
        return "p"
    return "pp"


def features(toks: Sequence[Tok], target_tokens: Iterable[int], *, others: Iterable[int] = ()) -> str:
    """The feature string of one (sentence, target) pair; tokens joined by spaces.

    ``target_tokens`` are indices of the target mention; ``others`` further
    mentions of the same target (masked as ``TGT`` too).
    """
    tgt = set(target_tokens)
    tgt_all = tgt | set(others)
    names = _name_words()
    n = len(toks)

    def word(i: int) -> str:
        if i in tgt_all:
            return "TGT"
        t = toks[i]
        if t[6] in _ENT_LABELS or t[1] in names:
            return "ENT"
        if t[3] in ("PUNCT", "SPACE", "NUM", "SYM"):
            return ""
        return t[2].lower()

    words = [word(i) for i in range(n)]
    feats: list[str] = []
    seq = [w for w in words if w]
    feats += ["s:" + w for w in seq if w not in ("TGT",)]
    feats += ["b:" + a + "_" + b for a, b in itertools.pairwise(seq)]
    if not tgt:
        return " ".join(feats)
    lo, hi = min(tgt), max(tgt)
    left = [w for w in words[max(0, lo - WINDOW) : lo] if w and w != "TGT"]
    right = [w for w in words[hi + 1 : hi + 1 + WINDOW] if w and w != "TGT"]
    feats += ["wl:" + w for w in left] + ["wr:" + w for w in right] + ["w:" + w for w in left + right]
    # dependency neighbourhood of the target's head token
    head = next((i for i in tgt if toks[i][5] not in tgt or toks[i][5] == i), lo)
    dep = toks[head][4]
    gov = toks[head][5]
    feats.append("d:" + dep)
    if gov != head:
        gw = words[gov] or "_"
        feats.append(f"d:{dep}>{gw}")
        feats.append("d:gov>" + gw)
        # siblings under the governor: objects, complements, negation, adverbs
        for i, t in enumerate(toks):
            if t[5] == gov and i != gov and i not in tgt_all and words[i] and t[4] in ("dobj", "attr", "acomp", "neg", "advmod", "xcomp", "prep", "agent", "nsubj", "nsubjpass", "dative", "ccomp"):
                feats.append(f"d:sib:{t[4]}:{words[i]}")
                if t[4] == "prep":
                    for j, u in enumerate(toks):
                        if u[5] == i and j != i and words[j]:
                            feats.append(f"d:pobj:{words[j]}")
        g2 = toks[gov][5]
        if g2 != gov and words[g2]:
            feats.append("d:gov2>" + words[g2])
    for i, t in enumerate(toks):
        if t[5] in tgt and i not in tgt_all and words[i] and t[4] in ("amod", "appos", "compound", "acl", "relcl", "prep", "nmod"):
            feats.append(f"d:mod<{words[i]}")
    # VADER on the window and the sentence (names masked out)
    v = vader()
    win = " ".join(w for w in left + right)
    sent = " ".join(w for w in seq if w not in ("TGT", "ENT"))
    feats.append("v:w_" + _bin(v.polarity_scores(win)["compound"]))
    feats.append("v:s_" + _bin(v.polarity_scores(sent)["compound"]))
    return " ".join(feats)


def target_token_indices(toks: Sequence[Tok], start: int, end: int) -> list[int]:
    """Indices of tokens overlapping the character range [start, end) (sentence offsets)."""
    return [i for i, t in enumerate(toks) if t[0] < end and t[0] + len(t[1]) > start]


def predict_proba(est: Any, feature_strings: Sequence[str]) -> np.ndarray:
    """Class probabilities of model ``est`` (columns in :data:`CLASSES` order) for strings from :func:`features`."""
    if not feature_strings:
        return np.zeros((0, 3))
    P = est.predict_proba(list(feature_strings))
    order = [list(est.classes_).index(c) for c in CLASSES]
    return P[:, order]


def explain(est: Any, feature_string: str, k: int = 3) -> list[tuple[str, float]]:
    """The ``k`` features pushing most toward positive minus negative (coef * tf-idf), signed."""
    vec, clf = est.named_steps["vec"], est.named_steps["clf"]
    x = vec.transform([feature_string])
    cls = list(clf.classes_)
    w = clf.coef_[cls.index("positive")] - clf.coef_[cls.index("negative")]
    names = vec.get_feature_names_out()
    contrib = [(names[j], float(x[0, j] * w[j])) for j in x.nonzero()[1]]
    contrib.sort(key=lambda t: -abs(t[1]))
    return contrib[:k]
