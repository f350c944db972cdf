"""Evaluation metrics, one implementation each; every runner and trainer imports them from here.

* :func:`macro_f1` -- the unweighted mean of the per-class F1 (0 when a class is never predicted), in [0, 1];
* :func:`binary_prf` -- macro-F1 with precision and recall of the positive class, rounded;
* :func:`prf` and :class:`Tally` -- precision, recall and F1 from counts (true
  positives, predictions, gold items), for span-matching tasks;
* :func:`best_threshold` -- the score threshold with the highest macro-F1 (to be
  chosen on training data only, never on the data being evaluated);
* :func:`expected_calibration_error` -- ECE over equal-width probability bins
  (Naeini et al. 2015; Guo et al. 2017), in [0, 1];
* :func:`overlap_score` -- shared characters of two span sets over the length
  of the longer, in [0, 1] (1 = identical, 0 = disjoint).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from sklearn.metrics import f1_score, precision_score, recall_score

from framing.schema import Span
from framing.schema.spans import overlap_share

__all__ = ["Tally", "best_threshold", "binary_prf", "expected_calibration_error", "macro_f1", "overlap_score", "prf"]

Frag = tuple[int, int]


def macro_f1(y: ArrayLike, pred: ArrayLike) -> float:
    """Macro-averaged F1 of ``pred`` against ``y`` (zero_division = 0)."""
    return float(f1_score(y, pred, average="macro", zero_division=0))


def binary_prf(y: ArrayLike, pred: ArrayLike, *, digits: int = 4) -> dict[str, float]:
    """``macro_f1``, and ``precision`` / ``recall`` of class 1, rounded to ``digits``."""
    return {
        "macro_f1": round(float(f1_score(y, pred, average="macro", zero_division=0)), digits),
        "precision": round(float(precision_score(y, pred, zero_division=0)), digits),
        "recall": round(float(recall_score(y, pred, zero_division=0)), digits),
    }


def prf(tp: int, n_pred: int, n_gold: int, *, digits: int = 4) -> tuple[float, float, float]:
    """Precision ``tp / n_pred``, recall ``tp / n_gold`` and their harmonic mean (0 where undefined), rounded."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, digits), round(r, digits), round(f, digits)


@dataclass
class Tally:
    """Running counts for :func:`prf`: true positives, predicted items, gold items."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def prf(self, *, digits: int = 4) -> tuple[float, float, float]:
        return prf(self.tp, self.n_pred, self.n_gold, digits=digits)


def best_threshold(scores: ArrayLike, y: ArrayLike) -> float:
    """The threshold on ``scores`` (predict 1 when score >= t) with the highest macro-F1 on (scores, y).

    Candidates are the 101 quantiles of the scores; the first best wins."""
    s = np.asarray(scores, dtype=float)
    cands = np.unique(np.quantile(s, np.linspace(0.0, 1.0, 101)))
    best_t, best_f = float(cands[0]), -1.0
    for t in cands:
        f = macro_f1(y, (s >= t).astype(int))
        if f > best_f:
            best_t, best_f = float(t), f
    return best_t


def expected_calibration_error(p: ArrayLike, y: ArrayLike, bins: int = 10) -> float:
    """Sum over equal-width bins of (share of items in the bin) x |mean probability - observed rate|."""
    pa = np.asarray(p, dtype=float)
    ya = np.asarray(y, dtype=float)
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in itertools.pairwise(edges):
        m = (pa >= lo) & ((pa < hi) if hi < 1 else (pa <= hi))
        if m.any():
            ece += m.mean() * abs(pa[m].mean() - ya[m].mean())
    return float(ece)


def overlap_score(a: Sequence[Frag], b: Sequence[Frag]) -> float:
    """Shared characters over the length of the longer span set, in [0, 1] (0 when either is empty):
    :func:`framing.schema.spans.overlap_share` on ``(start, end)`` pairs."""
    return overlap_share([Span(s, e) for s, e in a], [Span(s, e) for s, e in b])
