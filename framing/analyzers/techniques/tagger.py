"""The span tagger: which stretches of an article carry a persuasion technique (SemEval-2020 Task 11 "SI", inference).

What it measures
    For every token of the text (a regular-expression tokenizer, the same at
    training and at inference, so no parse is needed) the probability in [0, 1]
    that it lies inside a propaganda span of the Propaganda Techniques Corpus,
    from a binary logistic regression over hashed features of a window around
    it: the word and the two words either side within its line, the bigrams
    through it, its shape and its neighbour's shape, its relative position in
    the line, the line's length, whether it is inside quotation marks, how often
    a word of four or more letters recurs in the article, and whether the line
    is the title. Features are hashed (CRC-32 modulo ``2**n_bits``) so the
    artifact holds one coefficient vector and no vocabulary.

Decoding (hysteresis)
    Runs of tokens with probability >= ``low`` in one line (one sentence, when
    the analyzer passes the parse's sentences), allowing gaps of up
    to ``gap`` tokens below it, form a candidate; a candidate is kept when one
    of its tokens reaches ``high`` (a seed). The span is the run's first to last
    token (character offsets into the text). ``low``, ``high`` and ``gap`` were
    chosen on out-of-fold probabilities of grouped cross-validation (see the
    model card of ``techniques_spans``; the tagger is stored inside it).

Limits
    The tagger is technique-agnostic; the technique of a span is the technique
    classifier's (:mod:`.model`). A window of two words sees no argument
    structure: clause-long techniques (causal oversimplification, black-and-
    white fallacy) are found in pieces. Literature: Da San Martino et al. 2019,
    2020 (the SI metric and corpus).
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

from framing.resources.estimator import Estimator

TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
QUOTES = frozenset("\"“”")
Token = tuple[int, int, str]


def tokens(text: str) -> list[Token]:
    """``(start, end, token)`` of every word or punctuation mark of ``text``."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


_SHAPES: dict[str, str] = {}
_BUCKETS: dict[str, int] = {}
_CACHE_MAX = 200_000  # entries per memo (feature strings and word shapes recur across articles)


def _shape(w: str) -> str:
    got = _SHAPES.get(w)
    if got is None:
        if len(_SHAPES) > _CACHE_MAX:
            _SHAPES.clear()
        got = _SHAPES[w] = _shape_of(w)
    return got


def _shape_of(w: str) -> str:
    if not w[0].isalnum():
        return "P" + w
    return ("C" if w[0].isupper() else "l") + ("A" if w.isupper() and len(w) > 1 else "") + ("d" if w.isdigit() else "")


def _lines(text: str, toks: Sequence[Token], breaks: Sequence[int] | None = None) -> list[int]:
    """The line number of each token: lines split at newlines or, with ``breaks`` (sorted start offsets of the
    parse's sentences), the sentence number (PTC, the training data, has one sentence a line)."""
    if breaks is not None:
        return [bisect.bisect_right(breaks, a) for a, _, _ in toks]
    out, line, prev = [], 0, 0
    for a, _, _ in toks:
        line += text.count("\n", prev, a)
        prev = a
        out.append(line)
    return out


def token_features(text: str, toks: Sequence[Token], line_ids: Sequence[int]) -> list[list[str]]:
    """The feature strings of each token (see the module docstring)."""
    low = [t[2].lower() for t in toks]
    counts = Counter(low)
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, li in enumerate(line_ids):
        first.setdefault(li, i)
        last[li] = i
    feats, quoted = [], 0
    for i, (_, _, w) in enumerate(toks):
        li = line_ids[i]
        lo, hi = first[li], last[li]
        if i == lo:
            quoted = 0
        if w in QUOTES:
            quoted ^= 1
        n, pos = hi - lo + 1, i - lo
        prev = low[i - 1] if i > lo else "<s>"
        nxt = low[i + 1] if i < hi else "</s>"
        f = ["b", "w=" + low[i], "s=" + _shape(w), f"rp={min(4, 4 * pos // max(1, n))}", f"ll={min(5, n // 8)}",
             f"q={quoted}", f"rep={min(3, counts[low[i]] // 2)}" if len(w) > 3 else "rep=s", f"title={int(li == 0)}"]
        for d in (1, 2):
            f.append(f"w-{d}=" + (low[i - d] if i - d >= lo else "<s>"))
            f.append(f"w+{d}=" + (low[i + d] if i + d <= hi else "</s>"))
        f += [f"bg-={prev}_{low[i]}", f"bg+={low[i]}_{nxt}",
              "sw=" + _shape(w) + "_" + (_shape(toks[i - 1][2]) if i > lo else "<s>")]
        feats.append(f)
    return feats


class SpanTagger(Estimator):
    """Token-in-span probability by a logistic regression over hashed window features, decoded into spans."""

    def __init__(self, *, n_bits: int = 18, C: float = 1.0, low: float = 0.15, high: float = 0.45, gap: int = 8) -> None:
        self.n_bits = n_bits
        self.C = C
        self.low = low
        self.high = high
        self.gap = gap

    def _matrix(self, feats: Sequence[Sequence[str]]) -> csr_matrix:
        size = 1 << self.n_bits
        ind: list[int] = []
        ptr = [0]
        memo = _BUCKETS  # CRC-32 of a feature string, memoised (the same strings recur: bias, shapes, common words)
        if len(memo) > _CACHE_MAX:
            memo.clear()
        for f in feats:
            for x in f:
                h = memo.get(x)
                if h is None:
                    h = memo[x] = zlib.crc32(x.encode())
                ind.append(h % size)
            ptr.append(len(ind))
        return csr_matrix((np.ones(len(ind)), np.asarray(ind, dtype=np.int64), np.asarray(ptr, dtype=np.int64)),
                          shape=(len(feats), size))

    def article_matrix(self, text: str, breaks: Sequence[int] | None = None) -> tuple[list[Token], list[int], csr_matrix]:
        toks = tokens(text)
        line_ids = _lines(text, toks, breaks)
        return toks, line_ids, self._matrix(token_features(text, toks, line_ids))

    @staticmethod
    def labels(toks: Sequence[Token], gold: Sequence[tuple[int, int]]) -> np.ndarray:
        """1 for each token that overlaps a gold span, else 0."""
        y = np.zeros(len(toks), dtype=int)
        starts = np.asarray([t[0] for t in toks])
        ends = np.asarray([t[1] for t in toks])
        for a, b in gold:
            y[(starts < b) & (ends > a)] = 1
        return y

    def fit(self, texts: Sequence[str], gold: Sequence[Sequence[tuple[int, int]]]) -> SpanTagger:
        """Fit on articles and their gold propaganda spans (character offsets)."""
        from scipy.sparse import vstack  # lazy: fitting only
        from sklearn.linear_model import LogisticRegression  # lazy: heavy (scikit-learn), fitting only

        mats, ys = [], []
        for text, spans in zip(texts, gold):
            toks, _, X = self.article_matrix(text)
            mats.append(X)
            ys.append(self.labels(toks, spans))
        self.model_ = LogisticRegression(C=self.C, solver="liblinear", max_iter=300).fit(vstack(mats).tocsr(), np.concatenate(ys))
        return self

    def token_proba(self, text: str, breaks: Sequence[int] | None = None) -> tuple[list[Token], list[int], np.ndarray]:
        toks, line_ids, X = self.article_matrix(text, breaks)
        p = np.asarray(self.model_.predict_proba(X))[:, 1] if toks else np.zeros(0)
        return toks, line_ids, p

    def decode(self, toks: Sequence[Token], line_ids: Sequence[int], p: np.ndarray) -> list[tuple[int, int, float]]:
        """Spans ``(start, end, highest token probability)`` by hysteresis (see the module docstring)."""
        runs: list[list[Any]] = []
        for i, (a, b, _) in enumerate(toks):
            if p[i] < self.low:
                continue
            cur = runs[-1] if runs else None
            if cur is not None and line_ids[i] == cur[2] and i - cur[3] <= self.gap + 1:
                cur[1], cur[3], cur[4] = b, i, max(cur[4], float(p[i]))
            else:
                runs.append([a, b, line_ids[i], i, float(p[i])])
        return [(r[0], r[1], r[4]) for r in runs if r[4] >= self.high and r[1] - r[0] > 1]

    def spans(self, text: str, breaks: Sequence[int] | None = None) -> list[tuple[int, int, float]]:
        """The tagged spans of ``text``: ``(start, end, highest token probability)`` in text order (``breaks``: see
        :func:`_lines`; a span never crosses a line, or a sentence when they are given)."""
        return self.decode(*self.token_proba(text, breaks))
