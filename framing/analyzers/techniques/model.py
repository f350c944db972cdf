"""The technique classifier: given a span and its article, which of the 14 PTC techniques it is (inference only).

A multinomial logistic regression (SemEval-2020 Task 11 "TC" setting: the span
is given) over

* the span's words (TF-IDF 1-2 grams) and characters (char_wb 2-4 grams);
* the words of its line around it (TF-IDF unigrams, scaled by 0.5);
* dense features: how often the span's text occurs in the article (log1p; the
  strongest sign of Repetition), whether it occurs more than once, its length
  in words (log1p, and <= 2), whether it opens with a capital, contains "!" or
  "?", is all capitals, its share of its line, and whether it lies inside
  quotation marks; how often it occurred *before* and *after* the span (log1p,
  and whether before: PTC marks the later uses as Repetition), the share of
  its content words (over three letters) used three or more times in the
  article, whether it ends with "!", has 8+ or 15+ words, opens with a
  quotation mark, or lies in the title;
* the span's syntax in the parse (TF-IDF over tags, when a parse is given):
  the coarse part of speech of each token, the part of speech, fine tag and
  dependency label of the span's root, and the labels of named entities it
  overlaps -- a noun phrase naming a person or group leans to name calling,
  an adjective or verb to loaded language (the two techniques PTC confuses
  most);
* technique cues: for each of the 14 techniques, how many phrases of
  ``lexicons/technique_cues.tsv`` of that technique occur in the span, and
  (scaled by 0.5) in its line -- lower-case whole-word matches of the terms as
  written (no lemmas: the classifier reads no parse; :class:`CueIndex`).

Names are **not** masked here: the span itself is the object classified and
PTC labels name calling on the name-like phrase itself; the classifier sees
the phrase, never which side uses it. Literature: Da San Martino et al. 2019
and 2020; Chernyavskiy et al. 2020 (the repetition-count feature).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack

from framing.errors import ModelError
from framing.resources.estimator import Estimator

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
               "line_share", "in_quotes", "log_before", "log_after", "seen_before", "repeated_words", "ends_exclamation",
               "words_8", "words_15", "opens_quote", "in_title",
               *(f"cue_span:{t}" for t in TECHNIQUE_IDS), *(f"cue_line:{t}" for t in TECHNIQUE_IDS))
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


class CueIndex:
    """The phrases of a technique-cue lexicon (entries with ``term`` and ``technique``), for counting whole-word,
    lower-case occurrences per technique in a piece of text (:meth:`counts`, 14 values in TECHNIQUE_IDS order)."""

    def __init__(self, entries: Iterable[Mapping[str, Any]] = ()) -> None:
        col = {t: i for i, t in enumerate(TECHNIQUE_IDS)}
        self.terms: list[tuple[str, int]] = []
        for e in entries:
            words = _WORD.findall(str(e.get("term", "")).lower())
            if words and e.get("technique") in col:
                self.terms.append((" " + " ".join(words) + " ", col[str(e["technique"])]))

    def counts(self, text: str) -> np.ndarray:
        v = np.zeros(len(TECHNIQUE_IDS))
        if self.terms:
            padded = " " + " ".join(_WORD.findall(text.lower())) + " "
            for term, j in self.terms:
                if term in padded:
                    v[j] += padded.count(term)
        return v


_NO_CUES = CueIndex()


@dataclass(frozen=True, slots=True)
class SpanRow:
    """A span to classify: its text, the rest of its line (left ||| right), and its dense features."""

    span: str
    context: str
    dense: tuple[float, ...]
    syntax: str = "syn"


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b < 0 else b


@functools.lru_cache(maxsize=4096)
def _positions(low: str, key: str) -> tuple[int, ...]:
    """Every start of ``key`` in ``low`` (overlapping ones too), one scan per distinct key and text (memoised: the
    candidates of one article share the text, so the scans grow with the distinct span texts, not with their pairs)."""
    out, i = [], low.find(key)
    while i >= 0:
        out.append(i)
        i = low.find(key, i + 1)
    return tuple(out)


def _self_overlapping(key: str) -> bool:
    return any(key[:k] == key[-k:] for k in range(1, len(key)))


def _occurrences(low: str, key: str, start: int, end: int) -> tuple[int, int, int]:
    """``(low.count(key), low.count(key, 0, start), low.count(key, end))`` without rescanning the text for every
    span: for a key that cannot overlap itself the non-overlapping counts are counts of positions (bisect); a
    self-overlapping key ("aaa") keeps ``str.count``'s greedy semantics by calling it."""
    if _self_overlapping(key):
        return low.count(key), low.count(key, 0, start), low.count(key, end)
    pos = _positions(low, key)
    return len(pos), bisect.bisect_right(pos, start - len(key)), len(pos) - bisect.bisect_left(pos, end)


def syntax_tags(doc: Any, start: int, end: int) -> str:
    """The span's syntax as space-separated tags (see the module docstring); ``"syn"`` alone without a parse."""
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    if span is None or not len(span):
        return "syn"
    root = span.root
    tags = ["syn", *(f"pos={t.pos_}" for t in span), f"root={root.pos_}", f"rtag={root.tag_}", f"rdep={root.dep_}"]
    tags += sorted({f"ent={t.ent_type_}" for t in span if t.ent_type_})  # the entities the span overlaps
    return " ".join(tags)


def span_row(text: str, start: int, end: int, *, lower_text: str | None = None, cues: CueIndex = _NO_CUES,
             word_counts: Mapping[str, int] | None = None, doc: Any = None) -> SpanRow:
    """The :class:`SpanRow` of ``text[start:end]`` (``lower_text``: ``text.lower()`` and ``word_counts``: the
    article's :func:`word_counts`, passed when many spans share them; ``cues``: the technique-cue phrases;
    ``doc``: the article's spaCy parse, for the syntax tags)."""
    low = lower_text if lower_text is not None else text.lower()
    wc = word_counts if word_counts is not None else article_word_counts(low)
    span = text[start:end]
    a, b = _line(text, start, end)
    key = " ".join(span.lower().split())
    reps, before, after = _occurrences(low, key, start, end) if len(key) >= 3 else (1, 0, 0)
    words = len(span.split())
    left, right = text[a:start], text[end:b]
    in_quotes = left.count("\"") % 2 == 1 or left.count("“") > left.count("”")
    content = [w for w in _WORD.findall(span.lower()) if len(w) > 3]
    stripped = span.strip()
    dense = (float(np.log1p(reps)), float(reps > 1), float(np.log1p(words)), float(words <= 2),
             float(span[:1].isupper()), float("!" in span), float("?" in span or "?" in right[:80]),
             float(span.isupper() and len(span) > 3), len(span) / max(1, b - a), float(in_quotes),
             float(np.log1p(before)), float(np.log1p(after)), float(before > 0),
             float(np.mean([wc.get(w, 0) >= 3 for w in content])) if content else 0.0,
             float(stripped.endswith("!")), float(words >= 8), float(words >= 15), float(bool(stripped) and stripped[0] in "\"“‘'"),
             float(a == 0), *cues.counts(span).tolist(), *(0.5 * cues.counts(text[a:b])).tolist())
    return SpanRow(span, f"{left[-150:]} ||| {right[:150]}", dense, syntax_tags(doc, start, end))


def article_word_counts(lower_text: str) -> Counter[str]:
    """How often each lower-case word occurs in an article (for the repeated-words feature of :func:`span_row`)."""
    return Counter(_WORD.findall(lower_text))


class TechniqueClassifier(Estimator):
    """Multinomial logistic regression over span words and characters, context words, syntax tags and dense features."""

    #: the span tagger (:class:`.tagger.SpanTagger`) the trainer stores in the same artifact; absent in toy models
    tagger_: Any
    #: probability under which the analyzer marks a span uncertain (chosen out of fold by the trainer); absent in toys
    uncertain_below_: float

    def __init__(self, *, C: float = 4.0, context_scale: float = 0.5, dense_scale: float = 1.0, syntax_scale: float = 1.0) -> None:
        self.C = C
        self.context_scale = context_scale
        self.dense_scale = dense_scale
        self.syntax_scale = syntax_scale

    def _matrix(self, rows: Sequence[SpanRow], fit: bool = False) -> csr_matrix:
        spans = [r.span for r in rows]
        ctx = [r.context for r in rows]
        if fit:
            from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: heavy (scikit-learn), fitting only

            self.words_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_features=30000)
            self.chars_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2, max_features=30000)
            self.context_ = TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=20000)
            self.syntax_ = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, sublinear_tf=True)
            parts = [self.words_.fit_transform(spans), self.chars_.fit_transform(spans), self.context_.fit_transform(ctx),
                     self.syntax_.fit_transform([r.syntax for r in rows])]
        else:
            parts = [self.words_.transform(spans), self.chars_.transform(spans), self.context_.transform(ctx)]
            if getattr(self, "syntax_", None) is not None:  # artifacts before the syntax tags have none
                parts.append(self.syntax_.transform([r.syntax for r in rows]))
        parts[2] = parts[2] * self.context_scale
        if len(parts) > 3:
            parts[3] = parts[3] * self.syntax_scale
        dense = np.array([r.dense for r in rows], dtype=float).reshape(len(rows), len(DENSE_NAMES))
        return hstack(parts + [csr_matrix(self.dense_scale * dense)]).tocsr()

    def fit(self, rows: Sequence[SpanRow], y: Sequence[str]) -> TechniqueClassifier:
        from sklearn.linear_model import LogisticRegression  # lazy: heavy (scikit-learn), fitting only

        X = self._matrix(rows, fit=True)
        self.model_ = LogisticRegression(C=self.C, max_iter=300, tol=1e-3).fit(X, list(y))
        self.classes_ = np.asarray(self.model_.classes_)
        return self

    def predict_proba(self, rows: Sequence[SpanRow]) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(self.classes_)))
        return np.asarray(self.model_.predict_proba(self._matrix(rows)))

    def predict(self, rows: Sequence[SpanRow], keys: Sequence[Any] | None = None) -> np.ndarray:
        """The most probable technique of each row. With ``keys`` (one hashable per row, e.g. article id, start and
        end), rows sharing a key -- the same span annotated with k techniques, as PTC lists it k times -- get the
        k most probable techniques, one each, rather than the same one k times."""
        p = self.predict_proba(rows)
        if not len(p):
            return np.asarray([], dtype=object)
        out = self.classes_[p.argmax(1)]
        if keys is not None:
            same: dict[Any, list[int]] = {}
            for i, k in enumerate(keys):
                same.setdefault(k, []).append(i)
            for idx in same.values():
                if len(idx) > 1:
                    ranked = np.argsort(-p[idx[0]])
                    out[idx] = self.classes_[ranked[:len(idx)]] if len(idx) <= len(ranked) else out[idx]
        return out


def as_classifier(obj: Any) -> TechniqueClassifier:
    """``obj`` when it is a fitted :class:`TechniqueClassifier`; ModelError otherwise."""
    if not isinstance(obj, TechniqueClassifier) or not hasattr(obj, "model_"):
        raise ModelError(f"the techniques model is not a fitted TechniqueClassifier (got {type(obj).__name__}); "
                         "rebuild it with `framing train techniques`")
    return obj
