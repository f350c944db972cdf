"""Trained scikit-learn models: the sentence loaded-language (bias by word choice) classifier.

What it measures
    The probability, in [0, 1], that a sentence would be judged *biased by word
    choice* by the expert annotators of BABE (Spinde et al., Findings of EMNLP
    2021). 0.5 is the decision threshold used for ``share_sentences_loaded``.

Model
    :class:`LoadedSentenceClassifier` -- a logistic regression (Cox 1958; the
    workhorse of the bias-detection baselines of Recasens et al. 2013) over

    * TF-IDF word 1-2 grams and character 2-5 grams (within word boundaries),
    * dense features: counts of lexicon hits by category (``lexicons/
      loaded_terms.tsv`` categories, intensifiers, hedges, absolutes), the sum
      and maximum strength of the loaded terms, VADER intensity (Hutto &
      Gilbert 2014: |compound|, neg, pos) and TextBlob (Pattern) subjectivity
      and |polarity|.

    The LR's own probabilities are used; their calibration (expected
    calibration error and Brier score over out-of-fold predictions) is in the
    model card. The classifier explains itself: every feature's contribution
    ``coef * x`` to the log-odds is mapped back to character spans of the
    sentence (:meth:`LoadedSentenceClassifier.explain`).

Artifact
    ``framing/models/loaded_sentence.joblib`` with ``loaded_sentence.card.json``
    and ``.card.md``. :func:`load_loaded` refuses any artifact whose sha256
    differs from the one its card records (only artifacts this repo built are
    loaded; joblib files can run code when loaded). :func:`train_loaded`
    rebuilds both (``framing train loaded``).

Known limits
    Trained on ~2,600 US news sentences on 23 domestic topics (BABE dev);
    foreign-policy vocabulary is covered mostly through the lexicon features.
    Character n-grams cannot tell the author's voice from a quote: the sentence
    score is about the words, and the analyzer reports the voice separately.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import importlib.resources
import json
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from .errors import DataError, ModelError

log = logging.getLogger(__name__)

LOADED_ARTIFACT = "loaded_sentence.joblib"
LOADED_CARD = "loaded_sentence.card.json"
LOADED_CARD_MD = "loaded_sentence.card.md"

#: Loaded-term categories of ``lexicons/loaded_terms.tsv`` used as features (order matters: it is the feature order).
LOADED_CATEGORIES = (
    "pejorative_label",
    "glorifying_label",
    "dysphemism",
    "euphemism",
    "violent_metaphor",
    "emotive",
    "loaded_verb",
    "accusation",
    "distancing",
)
DEVICE_CATEGORIES = ("intensifier", "hedge", "absolute")
DENSE_NAMES = (
    tuple(f"lexicon.{c}" for c in LOADED_CATEGORIES + DEVICE_CATEGORIES)
    + ("lexicon.strength_sum", "lexicon.strength_max", "lexicon.negative", "lexicon.positive")
    + ("vader.abs_compound", "vader.neg", "vader.pos", "textblob.subjectivity", "textblob.abs_polarity")
)

_WORD_RE = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True, slots=True)
class Hit:
    """A lexicon hit inside a sentence: offsets relative to the sentence text."""

    start: int
    end: int
    category: str
    strength: float
    direction: str = "neutral"


@dataclass(frozen=True, slots=True)
class SentenceRow:
    """One sentence for the classifier: its text and its lexicon hits (sentence-relative offsets)."""

    text: str
    hits: tuple[Hit, ...] = ()


# --------------------------------------------------------------------------- external scorers


@functools.cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_scores(text: str) -> dict[str, float]:
    """VADER polarity scores (neg, neu, pos in [0, 1]; compound in [-1, 1])."""
    return _vader().polarity_scores(text)


_TB_TOKENS = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]")


@functools.cache
def _textblob_sentiment():
    from textblob.en import sentiment

    return sentiment


def textblob_scores(text: str) -> tuple[float, float]:
    """TextBlob (Pattern) polarity in [-1, 1] and subjectivity in [0, 1]; offline (its lexicon ships in the wheel).

    TextBlob's own scorer (the Pattern sentiment lexicon, with its modifiers
    and negation) applied to a pre-tokenised sentence: four times faster than
    ``TextBlob(text).sentiment``, whose regular-expression tokenizer dominates
    the cost; the two agree on 99.6% of news sentences (they differ on rare
    tokenisations such as emoticons).
    """
    s = _textblob_sentiment()(_TB_TOKENS.findall(text.lower()))
    return float(s[0]), float(s[1])


def dense_features(row: SentenceRow) -> np.ndarray:
    """The dense feature vector of a sentence, in the order of :data:`DENSE_NAMES`."""
    counts = dict.fromkeys(LOADED_CATEGORIES + DEVICE_CATEGORIES, 0.0)
    s_sum = s_max = neg = pos = 0.0
    for h in row.hits:
        if h.category in counts:
            counts[h.category] += 1.0
        if h.category in LOADED_CATEGORIES:
            s_sum += h.strength
            s_max = max(s_max, h.strength)
            neg += h.direction == "negative"
            pos += h.direction == "positive"
    v = vader_scores(row.text)
    pol, subj = textblob_scores(row.text)
    vals = [counts[c] for c in LOADED_CATEGORIES + DEVICE_CATEGORIES]
    vals += [s_sum, s_max, neg, pos, abs(v["compound"]), v["neg"], v["pos"], subj, abs(pol)]
    return np.asarray(vals, dtype=float)


# --------------------------------------------------------------------------- the estimator


class LoadedSentenceClassifier:
    """Logistic regression over word and character n-grams plus lexicon / VADER / TextBlob features.

    scikit-learn estimator contract: ``__init__`` stores parameters, ``fit``
    returns ``self``, learned state ends in ``_``. Inputs are
    :class:`SentenceRow` objects (text plus lexicon hits), labels 0/1.
    """

    def __init__(self, *, C: float = 4.0, dense_scale: float = 1.0, word_ngrams: tuple[int, int] = (1, 2),
                 char_ngrams: tuple[int, int] = (2, 5), word_min_df: int = 2, char_min_df: int = 3,
                 char_max_features: int = 60000, random_state: int = 0) -> None:
        self.C = C
        self.dense_scale = dense_scale
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.word_min_df = word_min_df
        self.char_min_df = char_min_df
        self.char_max_features = char_max_features
        self.random_state = random_state

    def get_params(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("C", "dense_scale", "word_ngrams", "char_ngrams", "word_min_df",
                                              "char_min_df", "char_max_features", "random_state")}

    # -- features
    def _dense(self, rows: Sequence[SentenceRow], dense: np.ndarray | None = None) -> np.ndarray:
        if dense is None:
            dense = np.vstack([dense_features(r) for r in rows]) if rows else np.zeros((0, len(DENSE_NAMES)))
        return dense

    def _matrix(self, rows: Sequence[SentenceRow], dense: np.ndarray | None = None):
        from scipy import sparse

        texts = [r.text for r in rows]
        d = (self._dense(rows, dense) - self.dense_mean_) / self.dense_std_ * self.dense_scale
        return sparse.hstack([self.word_vec_.transform(texts), self._char_transform(texts), sparse.csr_matrix(d)]).tocsr()

    def _word_char_counts(self, word: str) -> tuple[tuple[int, int], ...]:
        """(column, count) of the in-vocabulary ``char_wb`` n-grams of one lower-case word (cached per model)."""
        cache = self.__dict__.setdefault("_char_counts_cache", {})
        hit = cache.get(word)
        if hit is None:
            vocab = self.char_vec_.vocabulary_
            counts: dict[int, int] = {}
            for g in _char_wb_list(word, *self.char_ngrams):
                col = vocab.get(g)
                if col is not None:
                    counts[col] = counts.get(col, 0) + 1
            hit = tuple(counts.items())
            if len(cache) < 200_000:
                cache[word] = hit
        return hit

    def _char_transform(self, texts: Sequence[str]):
        """Same result as ``self.char_vec_.transform(texts)`` (a test checks it), but with per-word caching.

        scikit-learn's ``char_wb`` analyzer works word by word, so the n-gram
        counts of a sentence are the sums of its words' counts; repeated words
        (most of them, across an article) are analysed once.
        """
        from scipy import sparse

        from sklearn.preprocessing import normalize

        idf = self.char_vec_.idf_
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for t in texts:
            counts: dict[int, int] = {}
            for w in t.lower().split():
                for col, c in self._word_char_counts(w):
                    counts[col] = counts.get(col, 0) + c
            indices.extend(counts.keys())
            data.extend(counts.values())
            indptr.append(len(indices))
        X = sparse.csr_matrix((np.asarray(data, dtype=float), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                              shape=(len(texts), len(idf)))
        X.sort_indices()
        X.data = (np.log(X.data) + 1.0) * idf[X.indices]
        return normalize(X, norm="l2", copy=False)

    def fit(self, rows: Sequence[SentenceRow], y: Sequence[int], *, dense: np.ndarray | None = None) -> "LoadedSentenceClassifier":
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        texts = [r.text for r in rows]
        self.word_vec_ = TfidfVectorizer(ngram_range=self.word_ngrams, min_df=self.word_min_df, sublinear_tf=True, lowercase=True)
        self.char_vec_ = TfidfVectorizer(analyzer="char_wb", ngram_range=self.char_ngrams, min_df=self.char_min_df,
                                         max_features=self.char_max_features, sublinear_tf=True, lowercase=True)
        Xw = self.word_vec_.fit_transform(texts)
        Xc = self.char_vec_.fit_transform(texts)
        for vec in (self.word_vec_, self.char_vec_):  # not needed after fit; large in the pickle
            if hasattr(vec, "stop_words_"):
                vec.stop_words_ = None
        D = self._dense(rows, dense)
        self.dense_mean_ = D.mean(axis=0)
        self.dense_std_ = D.std(axis=0) + 1e-9
        Dz = (D - self.dense_mean_) / self.dense_std_ * self.dense_scale
        X = sparse.hstack([Xw, Xc, sparse.csr_matrix(Dz)]).tocsr()
        self.lr_ = LogisticRegression(C=self.C, max_iter=3000, solver="liblinear", random_state=self.random_state)
        self.lr_.fit(X, np.asarray(y, dtype=int))
        self.word_names_ = self.word_vec_.get_feature_names_out()
        self.char_names_ = self.char_vec_.get_feature_names_out()
        self.n_word_ = len(self.word_names_)
        self.n_char_ = len(self.char_names_)
        return self

    def predict_proba(self, rows: Sequence[SentenceRow], *, dense: np.ndarray | None = None) -> np.ndarray:
        """Probabilities (n, 2): column 1 is P(loaded)."""
        if not rows:
            return np.zeros((0, 2))
        return self.lr_.predict_proba(self._matrix(rows, dense))

    def predict(self, rows: Sequence[SentenceRow]) -> np.ndarray:
        return (self.predict_proba(rows)[:, 1] >= 0.5).astype(int)

    # -- explanation
    def _word_char_cols(self, word: str) -> tuple[int, ...]:
        """Matrix columns of the in-vocabulary character n-grams of one lower-case word (cached per model)."""
        cache = self.__dict__.setdefault("_char_cols_cache", {})
        cols = cache.get(word)
        if cols is None:
            cols = tuple(self.n_word_ + col for col, _ in self._word_char_counts(word))
            if len(cache) < 200_000:
                cache[word] = cols
        return cols

    def _char_contributions(self, rows: Sequence[SentenceRow], X, coef: np.ndarray):
        """Per word of every sentence: the sum of its character n-grams' contributions (``coef * x``), each
        n-gram's contribution shared evenly by the words of the sentence that contain it. Sparse algebra over
        a word x n-gram incidence matrix, so the cost does not grow with Python loops over n-grams."""
        from scipy import sparse

        n_word, n_char = self.n_word_, self.n_char_
        places: list[tuple[list[int], list[int]]] = []
        indptr = [0]
        indices: list[int] = []
        sent_of_word: list[int] = []
        for r, row in enumerate(rows):
            starts, ends = [], []
            for m in re.finditer(r"\S+", row.text.lower()):
                starts.append(m.start())
                ends.append(m.end())
                indices.extend(col for col, _ in self._word_char_counts(m.group()))
                indptr.append(len(indices))
                sent_of_word.append(r)
            places.append((starts, ends))
        n_words = len(sent_of_word)
        if n_words == 0:
            return places, [[] for _ in rows]
        Wb = sparse.csr_matrix((np.ones(len(indices)), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                               shape=(n_words, n_char))
        sw = np.asarray(sent_of_word)
        A = sparse.csr_matrix((np.ones(n_words), (sw, np.arange(n_words))), shape=(len(rows), n_words))
        S = (A @ Wb).tocsr()  # per sentence and n-gram: how many of its words contain the n-gram
        Cc = X[:, n_word : n_word + n_char].multiply(coef[n_word : n_word + n_char]).tocsr()
        R = Cc.multiply(S.power(-1)).tocsr()
        per_word = np.asarray(Wb.multiply(R[sw]).sum(axis=1)).ravel()
        out: list[list[float]] = []
        k = 0
        for starts, _ in places:
            out.append(per_word[k : k + len(starts)].tolist())
            k += len(starts)
        return places, out

    def explain_matrix(self, rows: Sequence[SentenceRow], *, top: int = 8) -> tuple[np.ndarray, list[list[dict[str, Any]]]]:
        """Scores and, per sentence, the contributions (``coef * x`` to the log-odds) mapped to sentence-relative spans.

        Each contribution is ``{"start", "end", "feature", "kind", "weight"}`` with
        ``kind`` in ``word`` (a word n-gram; one entry per occurrence, weight split
        evenly), ``char`` (character n-grams summed per word), ``lexicon`` (the
        lexicon features -- category counts, strength sum and maximum, direction
        counts -- shared evenly by the hits they count, summed per hit),
        ``sentence`` (VADER and TextBlob features summed, and lexicon
        categories absent from the sentence, spanning the whole sentence). The ``top`` largest by absolute
        weight are kept, largest first.
        """
        X = self._matrix(rows)
        proba = self.lr_.predict_proba(X)[:, 1]
        coef = self.lr_.coef_[0]
        word_vocab = self.word_vec_.vocabulary_
        n_word, n_char = self.n_word_, self.n_char_
        lo_w, hi_w = self.word_ngrams
        word_places, word_char = self._char_contributions(rows, X, coef)
        out = []
        for r, row in enumerate(rows):
            lo_ptr, hi_ptr = X.indptr[r], X.indptr[r + 1]
            cols = X.indices[lo_ptr:hi_ptr]
            vals = coef[cols] * X.data[lo_ptr:hi_ptr]
            c_of = dict(zip(cols.tolist(), vals.tolist()))
            contrib: dict[tuple[int, int, str, str], float] = {}
            text = row.text
            low = text.lower()
            # word n-grams: walk the sentence's own tokens (the vectorizer's token pattern) and look their n-grams up
            toks = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(low)]
            occ: dict[int, list[tuple[int, int, str]]] = {}
            for n in range(lo_w, hi_w + 1):
                for i in range(len(toks) - n + 1):
                    gram = " ".join(t[2] for t in toks[i : i + n])
                    col = word_vocab.get(gram)
                    if col is not None and col in c_of:
                        occ.setdefault(col, []).append((toks[i][0], toks[i + n - 1][1], gram))
            for col, places in occ.items():
                c = c_of[col] / len(places)
                for s0, e0, gram in places:
                    contrib[(s0, e0, gram, "word")] = contrib.get((s0, e0, gram, "word"), 0.0) + c
            # character n-grams (computed for all sentences at once, see _char_contributions)
            for s0, e0, w in zip(*word_places[r], word_char[r]):
                if w:
                    contrib[(s0, e0, "characters", "char")] = w
            # dense features
            for k, name in enumerate(DENSE_NAMES):
                c = c_of.get(n_word + n_char + k, 0.0)
                if not c:
                    continue
                if name.startswith("lexicon."):
                    cat = name.split(".", 1)[1]
                    if cat in LOADED_CATEGORIES or cat in DEVICE_CATEGORIES:
                        spans = [(h.start, h.end) for h in row.hits if h.category == cat]
                    else:
                        spans = [(h.start, h.end) for h in row.hits if h.category in LOADED_CATEGORIES]
                    for s0, e0 in spans:  # all lexicon features of one hit are summed into one item
                        key = (s0, e0, "lexicon", "lexicon")
                        contrib[key] = contrib.get(key, 0.0) + c / len(spans)
                    if not spans:  # a category absent from the sentence (its count is below the training mean)
                        key = (0, len(text), "lexicon (absent)", "sentence")
                        contrib[key] = contrib.get(key, 0.0) + c
                else:
                    key = (0, len(text), "sentiment (VADER, TextBlob)", "sentence")
                    contrib[key] = contrib.get(key, 0.0) + c
            items = [{"start": s, "end": e, "feature": f, "kind": k, "weight": w} for (s, e, f, k), w in contrib.items() if abs(w) > 1e-6]
            items.sort(key=lambda d: -abs(d["weight"]))
            out.append(items[:top])
        return proba, out


def _char_wb_list(word: str, lo: int, hi: int) -> list[str]:
    """``char_wb`` n-grams of one word exactly as scikit-learn lists them (a short word counts once, whole)."""
    w = f" {word} "
    n_w = len(w)
    out = []
    for n in range(lo, hi + 1):
        offset = 0
        out.append(w[offset : offset + n])
        while offset + n < n_w:
            offset += 1
            out.append(w[offset : offset + n])
        if offset == 0:
            break
    return out


# --------------------------------------------------------------------------- artifacts


def _models_dir() -> Path:
    return Path(str(importlib.resources.files("framing.models")))


def artifact_digests() -> dict[str, str]:
    """sha256 of every artifact file in ``framing/models/`` (``*.joblib``, ``*.json``), by file name."""
    d = _models_dir()
    out = {}
    for p in sorted(d.iterdir()):
        if p.is_file() and (p.name.endswith(".joblib") or p.name.endswith(".json")):
            out[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def loaded_card() -> dict[str, Any]:
    """The model card of the shipped loaded-language classifier."""
    p = _models_dir() / LOADED_CARD
    if not p.is_file():
        raise ModelError(f"{p}: no model card; rebuild the model with `framing train loaded`")
    return json.loads(p.read_text(encoding="utf-8"))


@functools.cache
def load_loaded() -> LoadedSentenceClassifier:
    """Load the shipped sentence classifier after checking its sha256 against its card."""
    import joblib

    card = loaded_card()
    p = _models_dir() / LOADED_ARTIFACT
    if not p.is_file():
        raise ModelError(f"{p}: the loaded-language model is missing; rebuild it with `framing train loaded`")
    raw = p.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != card.get("artifact_sha256"):
        raise ModelError(f"{p}: sha256 {digest[:12]} differs from the card's {str(card.get('artifact_sha256'))[:12]}; "
                         "only artifacts built by `framing train loaded` in this repo are loaded: rebuild it")
    model = joblib.load(p)
    if not isinstance(model, LoadedSentenceClassifier):
        raise ModelError(f"{p}: not a LoadedSentenceClassifier; rebuild it with `framing train loaded`")
    return model


def loaded_rule() -> str:
    """Rule id of model evidence, e.g. ``model:loaded@3f2a9c1d`` (first 8 hex digits of the artifact)."""
    try:
        return f"model:loaded@{loaded_card()['artifact_sha256'][:8]}"
    except (ModelError, KeyError):
        return "model:loaded@untrained"


# --------------------------------------------------------------------------- data


def default_babe_path() -> Path:
    """``../shared/datasets/babe/dev.jsonl`` next to the repository (the training data)."""
    return Path(__file__).resolve().parents[2] / "shared" / "datasets" / "babe" / "dev.jsonl"


def read_babe(path: str | Path) -> tuple[list[str], list[int]]:
    """Texts and 0/1 labels of a BABE-format JSONL file (rows with a null label are skipped)."""
    from .evaluate import read_jsonl

    texts, labels = [], []
    for row in read_jsonl(path, required=("text", "label")):
        if row["label"] is None:
            continue
        if row["label"] not in (0, 1, True, False):
            raise DataError(f"{path}: label {row['label']!r} is not 0 or 1 (BABE format: 1 = biased)")
        texts.append(str(row["text"]))
        labels.append(int(row["label"]))
    if not texts:
        raise DataError(f"{path}: no labelled rows; expected JSON lines with 'text' and 'label' (0/1)")
    return texts, labels


def rows_for_texts(texts: Sequence[str]) -> list[SentenceRow]:
    """Parse free-standing sentences (one spaCy pass via :func:`framing.nlp.parse_many`) and attach lexicon hits."""
    from . import loaded_language
    from .nlp import parse_many
    from .schema import Article

    rows: list[SentenceRow] = []
    batch = 256
    for i in range(0, len(texts), batch):
        chunk = texts[i : i + batch]
        arts = [Article(text=t, source="text") for t in chunk]
        for art, parsed in zip(arts, parse_many(arts, batch_size=64)):
            hits = loaded_language.hits_in(parsed, 0, len(parsed.text))
            rows.append(SentenceRow(parsed.text, tuple(Hit(h.start, h.end, h.category, h.strength, h.direction) for h in hits)))
    return rows


def text_hash(text: str) -> str:
    """A short hash of a sentence (whitespace-normalised), to tell evaluation rows seen in training."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def training_text_hashes(texts: Iterable[str]) -> list[str]:
    return sorted({text_hash(t) for t in texts})


# --------------------------------------------------------------------------- metrics


def macro_f1(y: Sequence[int], pred: Sequence[int]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, pred, average="macro", zero_division=0))


def best_threshold(scores: Sequence[float], y: Sequence[int]) -> float:
    """The threshold on ``scores`` (predict 1 when score >= t) with the highest macro-F1 on (scores, y)."""
    s = np.asarray(scores, dtype=float)
    cands = np.unique(np.quantile(s, np.linspace(0.0, 1.0, 101)))
    best_t, best_f = float(cands[0]), -1.0
    for t in cands:
        f = macro_f1(y, (s >= t).astype(int))
        if f > best_f:
            best_t, best_f = float(t), f
    return best_t


def baseline_scores(rows: Sequence[SentenceRow]) -> dict[str, np.ndarray]:
    """The three baselines' raw scores: VADER |compound|, TextBlob subjectivity, lexicon strength sum."""
    vader = np.array([abs(vader_scores(r.text)["compound"]) for r in rows])
    tb = np.array([textblob_scores(r.text)[1] for r in rows])
    lex = np.array([sum(h.strength for h in r.hits if h.category in LOADED_CATEGORIES) for r in rows])
    return {"vader": vader, "textblob": tb, "lexicon": lex}


def expected_calibration_error(p: Sequence[float], y: Sequence[int], bins: int = 10) -> float:
    p = np.asarray(p, dtype=float)
    y = np.asarray(y, dtype=float)
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if m.any():
            ece += m.mean() * abs(p[m].mean() - y[m].mean())
    return float(ece)


def cross_validate(rows: Sequence[SentenceRow], y: Sequence[int], *, folds: int = 5, seed: int = 0,
                   params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Stratified k-fold CV of the classifier and the three baselines (baseline thresholds chosen on each training fold)."""
    from sklearn.metrics import brier_score_loss, precision_score, recall_score
    from sklearn.model_selection import StratifiedKFold

    y = np.asarray(y, dtype=int)
    rows = list(rows)
    dense = np.vstack([dense_features(r) for r in rows])
    base = baseline_scores(rows)
    oof = np.zeros(len(rows))
    per_fold: dict[str, list[float]] = {"model": [], "vader": [], "textblob": [], "lexicon": []}
    base_pred = {k: np.zeros(len(rows), dtype=int) for k in base}
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for tr, te in skf.split(np.zeros(len(y)), y):
        clf = LoadedSentenceClassifier(**dict(params or {}))
        clf.fit([rows[i] for i in tr], y[tr], dense=dense[tr])
        p = clf.predict_proba([rows[i] for i in te], dense=dense[te])[:, 1]
        oof[te] = p
        per_fold["model"].append(macro_f1(y[te], (p >= 0.5).astype(int)))
        for k, s in base.items():
            t = best_threshold(s[tr], y[tr])
            pred = (s[te] >= t).astype(int)
            base_pred[k][te] = pred
            per_fold[k].append(macro_f1(y[te], pred))
    pred = (oof >= 0.5).astype(int)

    def summary(k: str, pr: np.ndarray) -> dict[str, float]:
        return {"macro_f1": float(np.mean(per_fold[k])), "macro_f1_std": float(np.std(per_fold[k])),
                "precision": float(precision_score(y, pr, zero_division=0)), "recall": float(recall_score(y, pr, zero_division=0))}

    return {
        "folds": folds,
        "seed": seed,
        "n": int(len(y)),
        "model": {**summary("model", pred), "brier": float(brier_score_loss(y, oof)), "ece": expected_calibration_error(oof, y)},
        "baselines": {k: summary(k, base_pred[k]) for k in base},
    }


# --------------------------------------------------------------------------- training


DEFAULT_PARAMS: dict[str, Any] = {"C": 4.0, "dense_scale": 1.0}


def train_loaded(data_path: str | Path | None = None, *, out_dir: str | Path | None = None, folds: int = 5) -> dict[str, Any]:
    """Rebuild the loaded-language classifier from BABE (``framing train loaded``); return the model card.

    Cross-validates (``folds``-fold, stratified, seed 0) the classifier and the
    three baselines, fits on all rows, writes the artifact, its card (JSON and
    Markdown) into ``framing/models/`` (or ``out_dir``).
    """
    path = Path(data_path) if data_path else default_babe_path()
    if not path.is_file():
        raise DataError(f"{path}: training data not found; pass --data PATH/TO/babe/dev.jsonl")
    raw = path.read_bytes()
    texts, y = read_babe(path)
    log.info("parsing %d sentences", len(texts))
    rows = rows_for_texts(texts)
    return train_from_rows(rows, y, data_name=path.name, data_sha256=hashlib.sha256(raw).hexdigest(), out_dir=out_dir, folds=folds)


def train_from_rows(rows: Sequence[SentenceRow], y: Sequence[int], *, data_name: str, data_sha256: str,
                    out_dir: str | Path | None = None, folds: int = 5) -> dict[str, Any]:
    """The part of :func:`train_loaded` after parsing: cross-validate, fit, write artifact and card."""
    import joblib
    import scipy
    import sklearn
    import spacy

    from . import __version__, lexicon
    from .nlp import pipeline_meta

    rows = list(rows)
    y = [int(v) for v in y]
    log.info("cross-validating")
    cv = cross_validate(rows, y, folds=folds, params=DEFAULT_PARAMS)
    log.info("fitting on all rows")
    clf = LoadedSentenceClassifier(**DEFAULT_PARAMS).fit(rows, y)
    out = Path(out_dir) if out_dir else _models_dir()
    out.mkdir(parents=True, exist_ok=True)
    art = out / LOADED_ARTIFACT
    joblib.dump(clf, art, compress=3)
    digest = hashlib.sha256(art.read_bytes()).hexdigest()
    card = {
        "name": "loaded_sentence",
        "task": "sentence-level bias by word choice (BABE: 1 = biased)",
        "artifact": LOADED_ARTIFACT,
        "artifact_sha256": digest,
        "artifact_bytes": art.stat().st_size,
        "trained_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "framing_version": __version__,
        "data": {"path": data_name, "sha256": data_sha256, "rows": len(y), "positives": int(sum(y)),
                 "source": "BABE dev part (Spinde et al. 2021), shared/datasets/babe/dev.jsonl"},
        "parameters": {**clf.get_params(), "n_word_features": clf.n_word_, "n_char_features": clf.n_char_, "dense_features": list(DENSE_NAMES)},
        "lexicons": {n: lexicon.load(n).sha256 for n in ("loaded_terms", "intensifiers", "hedges", "absolutes")},
        "libraries": {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                      "spacy": spacy.__version__, "spacy_pipeline": pipeline_meta()},
        "cross_validation": cv,
        "threshold": 0.5,
        "baseline_thresholds": {k: best_threshold(v, y) for k, v in baseline_scores(rows).items()},
        "training_text_hashes": training_text_hashes([r.text for r in rows]),
        "limits": "US domestic news sentences (23 topics); probabilities are the logistic regression's own; see ece/brier.",
    }
    (out / LOADED_CARD).write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out / LOADED_CARD_MD).write_text(card_markdown(card), encoding="utf-8")
    load_loaded.cache_clear()
    return card


def card_markdown(card: Mapping[str, Any]) -> str:
    cv = card["cross_validation"]
    lines = [
        f"# Model card: {card['name']}",
        "",
        f"Task: {card['task']}.",
        f"Artifact: `{card['artifact']}` (sha256 `{card['artifact_sha256'][:16]}...`, {card['artifact_bytes']:,} bytes).",
        f"Trained: {card['trained_at']} on `{card['data']['path']}` (sha256 `{card['data']['sha256'][:16]}...`, "
        f"{card['data']['rows']} rows, {card['data']['positives']} biased).",
        "",
        "Model: logistic regression (liblinear) over TF-IDF word 1-2 grams, char_wb 2-5 grams, and dense features "
        "(lexicon hits by category, VADER, TextBlob).",
        "",
        f"## {cv['folds']}-fold stratified cross-validation (seed {cv['seed']}, n = {cv['n']})",
        "",
        "| system | macro-F1 (mean ± sd over folds) | precision | recall |",
        "|---|---|---|---|",
        f"| this model | {cv['model']['macro_f1']:.3f} ± {cv['model']['macro_f1_std']:.3f} | {cv['model']['precision']:.3f} | {cv['model']['recall']:.3f} |",
    ]
    for k, v in cv["baselines"].items():
        lines.append(f"| baseline: {k} (threshold chosen on each training fold) | {v['macro_f1']:.3f} ± {v['macro_f1_std']:.3f} | {v['precision']:.3f} | {v['recall']:.3f} |")
    lines += [
        "",
        f"Calibration (out-of-fold): Brier {cv['model']['brier']:.3f}, expected calibration error {cv['model']['ece']:.3f} (10 bins).",
        "",
        "Published reference: Spinde et al. 2021 report macro-F1 0.804 (fine-tuned BERT with distant supervision, 5-fold CV on all of BABE).",
        "",
        f"Libraries: {', '.join(f'{k} {v}' for k, v in card['libraries'].items() if isinstance(v, str))}.",
        "",
        f"Limits: {card['limits']}",
        "",
        "Rebuild: `framing train loaded --data ../shared/datasets/babe/dev.jsonl`.",
        "",
    ]
    return "\n".join(lines)
