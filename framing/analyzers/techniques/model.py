"""The technique classifier: given a span and its article, which of the 14 PTC techniques it is (inference only).

A multinomial logistic regression (SemEval-2020 Task 11 "TC" setting: the span
is given) over

* the span's words (TF-IDF 1-2 grams) and characters (char_wb 2-4 grams);
* the words of its line around it (TF-IDF unigrams, scaled by 0.5);
* dense features: how often the span's text occurs in the article (log1p; the
  strongest sign of Repetition), whether it occurs more than once, its length
  in words (log1p, and <= 2), whether it opens with a capital, contains "!" or
  "?", is all capitals, its share of its line, and whether it lies inside
  quotation marks.

Names are **not** masked here: the span itself is the object classified and
PTC labels name calling on the name-like phrase itself; the classifier sees
the phrase, never which side uses it. Literature: Da San Martino et al. 2019
and 2020; Chernyavskiy et al. 2020 (the repetition-count feature).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from framing.errors import ModelError

MODEL_NAME = "techniques_spans"
RULE_PREFIX = "techniques"

#: The 14 PTC techniques (SemEval-2020 Task 11 labels) -> display names.
TECHNIQUES: dict[str, str] = {
    "Loaded_Language": "Loaded language",
    "Name_Calling,Labeling": "Name calling, labeling",
    "Repetition": "Repetition",
    "Doubt": "Doubt",
    "Exaggeration,Minimisation": "Exaggeration, minimisation",
    "Appeal_to_fear-prejudice": "Appeal to fear or prejudice",
    "Flag-Waving": "Flag-waving",
    "Causal_Oversimplification": "Causal oversimplification",
    "Appeal_to_Authority": "Appeal to authority",
    "Slogans": "Slogans",
    "Black-and-White_Fallacy": "Black-and-white fallacy",
    "Whataboutism,Straw_Men,Red_Herring": "Whataboutism, straw men, red herring",
    "Thought-terminating_Cliches": "Thought-terminating clichés",
    "Bandwagon,Reductio_ad_hitlerum": "Bandwagon, reductio ad hitlerum",
}
TECHNIQUE_IDS: tuple[str, ...] = tuple(TECHNIQUES)
DENSE_NAMES = ("log_repeats", "repeated", "log_words", "short", "capitalised", "exclamation", "question", "all_caps",
               "line_share", "in_quotes")


@dataclass(frozen=True, slots=True)
class SpanRow:
    """A span to classify: its text, the rest of its line (left ||| right), and its dense features."""

    span: str
    context: str
    dense: tuple[float, ...]


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b < 0 else b


def span_row(text: str, start: int, end: int, *, lower_text: str | None = None) -> SpanRow:
    """The :class:`SpanRow` of ``text[start:end]`` (``lower_text``: ``text.lower()``, passed when many spans share it)."""
    low = lower_text if lower_text is not None else text.lower()
    span = text[start:end]
    a, b = _line(text, start, end)
    key = " ".join(span.lower().split())
    reps = low.count(key) if len(key) >= 3 else 1
    words = len(span.split())
    left, right = text[a:start], text[end:b]
    in_quotes = left.count("\"") % 2 == 1 or left.count("“") > left.count("”")
    dense = (float(np.log1p(reps)), float(reps > 1), float(np.log1p(words)), float(words <= 2),
             float(span[:1].isupper()), float("!" in span), float("?" in span or "?" in right[:80]),
             float(span.isupper() and len(span) > 3), len(span) / max(1, b - a), float(in_quotes))
    return SpanRow(span, f"{left[-150:]} ||| {right[:150]}", dense)


class TechniqueClassifier(BaseEstimator):
    """Multinomial logistic regression over span words and characters, context words and dense features."""

    def __init__(self, *, C: float = 4.0, context_scale: float = 0.5, dense_scale: float = 1.0) -> None:
        self.C = C
        self.context_scale = context_scale
        self.dense_scale = dense_scale

    def _matrix(self, rows: Sequence[SpanRow], fit: bool = False) -> csr_matrix:
        spans = [r.span for r in rows]
        ctx = [r.context for r in rows]
        if fit:
            self.words_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_features=30000)
            self.chars_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2, max_features=30000)
            self.context_ = TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=20000)
            parts = [self.words_.fit_transform(spans), self.chars_.fit_transform(spans), self.context_.fit_transform(ctx)]
        else:
            parts = [self.words_.transform(spans), self.chars_.transform(spans), self.context_.transform(ctx)]
        parts[2] = parts[2] * self.context_scale
        dense = np.array([r.dense for r in rows], dtype=float).reshape(len(rows), len(DENSE_NAMES))
        return hstack(parts + [csr_matrix(self.dense_scale * dense)]).tocsr()

    def fit(self, rows: Sequence[SpanRow], y: Sequence[str]) -> TechniqueClassifier:
        X = self._matrix(rows, fit=True)
        self.model_ = LogisticRegression(C=self.C, max_iter=300, tol=1e-3).fit(X, list(y))
        self.classes_ = np.asarray(self.model_.classes_)
        return self

    def predict_proba(self, rows: Sequence[SpanRow]) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(self.classes_)))
        return np.asarray(self.model_.predict_proba(self._matrix(rows)))

    def predict(self, rows: Sequence[SpanRow]) -> np.ndarray:
        p = self.predict_proba(rows)
        return self.classes_[p.argmax(1)] if len(p) else np.asarray([], dtype=object)


def as_classifier(obj: Any) -> TechniqueClassifier:
    """``obj`` when it is a fitted :class:`TechniqueClassifier`; ModelError otherwise."""
    if not isinstance(obj, TechniqueClassifier) or not hasattr(obj, "model_"):
        raise ModelError(f"the techniques model is not a fitted TechniqueClassifier (got {type(obj).__name__}); "
                         "rebuild it with `framing train techniques`")
    return obj
