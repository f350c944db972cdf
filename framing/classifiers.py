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

    Names are masked (:func:`mask_regions`): people, organisations, places,
    nationalities and other proper names are replaced by one placeholder in
    the text the n-grams, VADER and TextBlob see, and every n-gram containing
    the placeholder is dropped. Without this the character n-grams learned
    names from BABE ("Trump" and its fragments) and a sentence's score moved
    when an actor's name changed; now a name contributes nothing to the score
    or the explanation, in training and at inference alike. The card reports
    the cost in cross-validated macro-F1 beside the unmasked model.

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
    Masking relies on spaCy's tagger: a name it reads as a common word
    (lower-case, no entity) stays visible; a common word it reads as a proper
    noun is hidden. Character n-grams cannot tell the author's voice from a quote: the sentence
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

from framing.errors import DataError, ModelError

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
    """One sentence for the classifier: its text, its lexicon hits and its masked name spans (sentence-relative
    offsets). ``masked`` comes from :func:`mask_regions` / :func:`masks_in`; the n-gram and sentiment features
    see the sentence with every masked span replaced by :data:`MASK_PLACEHOLDER` (see :func:`masked_view`)."""

    text: str
    hits: tuple[Hit, ...] = ()
    masked: tuple[tuple[int, int], ...] = ()


# --------------------------------------------------------------------------- name masking (even-handedness)

#: What the features see in place of a masked name. Not an English word; its own word and character n-grams are
#: dropped (a masked name contributes nothing), it only keeps n-grams from spanning across the name.
MASK_PLACEHOLDER = "Xxent"
_MASK_LOWER = MASK_PLACEHOLDER.lower()
#: spaCy entity labels whose tokens are masked: people, organisations, places, nationalities/religious/political
#: groups, facilities. One placeholder for all (the small model's labels flip between PERSON, ORG and NORP when a
#: name changes, so typed placeholders would not be invariant).
MASK_ENT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


@functools.cache
def _brill_tags() -> dict[str, str]:
    """Word -> most frequent Penn tag of the Brill lexicon that ships in the TextBlob wheel (offline)."""
    import textblob

    out: dict[str, str] = {}
    path = Path(textblob.__file__).parent / "en" / "en-lexicon.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and not line.startswith(";"):
            out[parts[0]] = parts[1]
    return out


def _looks_like_a_name(word: str) -> bool:
    """A sentence-initial title-case word the tagger called a common noun/adjective: a name when the Brill lexicon
    lists its title-case form as a proper noun, or does not know its lower-case form ("Trump", "Rouhani", "Peace")."""
    tags = _brill_tags()
    return tags.get(word, "").startswith("NNP") or word.lower() not in tags


def mask_regions(doc, text: str | None = None) -> list[tuple[int, int]]:
    """Character spans (document offsets, sorted, disjoint) of the names in a parsed doc.

    A token is masked when it is inside an entity of :data:`MASK_ENT_LABELS`,
    is a proper noun (PROPN), or is a title-case adjective or noun that does not
    start its sentence (demonyms and titles: "Iranian", "American",
    "President"), or opens its sentence but looks like a name
    (:func:`_looks_like_a_name`: the tagger often reads a sentence-initial
    "Trump" as a noun). Adjacent masked tokens on one line (only whitespace between them) form one
    span (also across a bare hyphen: "Iran-Iraq"), so "Hassan Rouhani", "the
    United States" and "Iran" all become one placeholder; a "the" right before
    a span joins it. Never masked: punctuation, the possessive "'s", lower-case
    words inside an entity ("-led" in "U.S.-led"). Known limit: a name the
    tagger reads as a common word (lower-case, not an entity) stays visible.
    """
    from spacy.attrs import ENT_TYPE, IDX, IS_LOWER, IS_PUNCT, IS_TITLE, LENGTH, LOWER, POS, SENT_START
    from spacy.symbols import ADJ, NOUN, PROPN, X

    n = len(doc)
    if n == 0:
        return []
    strings = doc.vocab.strings
    ent_ids = {strings.add(lab) for lab in MASK_ENT_LABELS}
    the = strings.add("the")
    never = {strings.add(w) for w in ("'s", "’s", "'", "’", "s")}
    arr = doc.to_array([POS, ENT_TYPE, SENT_START, IS_TITLE, IDX, LENGTH, LOWER, IS_LOWER, IS_PUNCT]).tolist()
    if text is None:
        text = doc.text  # rebuilt from the tokens: pass the article text when you have it
    out: list[list[int]] = []
    for i, (pos, ent, sst, title, idx, ln, low, is_lower, punct) in enumerate(arr):
        if low in never or punct:
            continue
        m = (ent in ent_ids and not is_lower) or pos == PROPN or (title and pos in (ADJ, NOUN, X) and (
            sst != 1 or _looks_like_a_name(text[idx:idx + ln])))
        if not m:
            continue
        start, end = idx, idx + ln
        word = text[start:end]
        cut = max(word.rfind("-"), word.rfind("–"))
        if cut > 0 and word[cut + 1:].islower():  # "U.S.-led" is one token: mask "U.S." only
            end = start + cut
        gap = text[out[-1][1]:start] if out else "\n"
        if "\n" not in gap and gap.strip() in ("", "-", "–"):
            out[-1][1] = end
            continue
        if i > 0 and arr[i - 1][6] == the and not text[arr[i - 1][4] + arr[i - 1][5]:start].strip():
            start = arr[i - 1][4]
            if out and out[-1][1] > start:  # pragma: no cover - "the" cannot be masked and precede a new run
                start = out[-1][1]
        out.append([start, end])
    return [(a, b) for a, b in out]


def masks_in(regions: Sequence[tuple[int, int]], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The mask spans of ``regions`` (document offsets) inside ``[start, end)``, relative to ``start``."""
    import bisect

    i = max(0, bisect.bisect_left(regions, (start, start)) - 1)
    out = []
    while i < len(regions) and regions[i][0] < end:
        a, b = max(regions[i][0], start), min(regions[i][1], end)
        if a < b:
            out.append((a - start, b - start))
        i += 1
    return tuple(out)


@dataclass(frozen=True, slots=True)
class View:
    """A sentence as the features see it: ``text`` with masked names replaced by the placeholder (padded with
    spaces), and the map back to the sentence's own offsets (copied pieces only: ``vstarts[k]`` in the view is
    ``ostarts[k]`` in the sentence)."""

    text: str
    vstarts: tuple[int, ...]
    ostarts: tuple[int, ...]

    def orig(self, vpos: int) -> int:
        """Sentence offset of view offset ``vpos`` (a character copied from the sentence)."""
        import bisect

        k = bisect.bisect_right(self.vstarts, vpos) - 1
        return self.ostarts[k] + (vpos - self.vstarts[k])

    def orig_span(self, vstart: int, vend: int) -> tuple[int, int]:
        """Sentence span of a view span made of copied characters (never the placeholder)."""
        return self.orig(vstart), self.orig(vend - 1) + 1


def masked_view(row: SentenceRow, *, mask: bool = True) -> View:
    """The text the n-gram and sentiment features see (``row.text`` itself when nothing is masked)."""
    if not mask or not row.masked:
        return View(row.text, (0,), (0,))
    pieces: list[str] = []
    vstarts: list[int] = []
    ostarts: list[int] = []
    pos = vlen = 0
    for a, b in row.masked:
        if a > pos:
            vstarts.append(vlen)
            ostarts.append(pos)
            pieces.append(row.text[pos:a])
            vlen += a - pos
        ph = f" {MASK_PLACEHOLDER} "
        pieces.append(ph)
        vlen += len(ph)
        pos = max(pos, b)
    vstarts.append(vlen)
    ostarts.append(pos)
    pieces.append(row.text[pos:])
    return View("".join(pieces), tuple(vstarts), tuple(ostarts))


class WordNgrams:
    """Word n-gram analyzer (scikit-learn's default token pattern, lower-cased) that drops every n-gram
    containing the mask placeholder. Module-level so the fitted vectorizer pickles by reference."""

    def __init__(self, lo: int, hi: int) -> None:
        self.lo, self.hi = lo, hi

    def __call__(self, text: str) -> list[str]:
        toks = _WORD_RE.findall(text.lower())
        out = []
        for n in range(self.lo, self.hi + 1):
            for i in range(len(toks) - n + 1):
                g = toks[i : i + n]
                if _MASK_LOWER not in g:
                    out.append(" ".join(g))
        return out


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


def dense_features(row: SentenceRow, *, mask: bool = True, view: "View | None" = None) -> np.ndarray:
    """The dense feature vector of a sentence, in the order of :data:`DENSE_NAMES`.

    VADER and TextBlob read the masked view (:func:`masked_view`) when ``mask``;
    the lexicon hits are the analyzer's (the lexicons name no actor)."""
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
    vtext = (view if view is not None else masked_view(row, mask=mask)).text
    v = vader_scores(vtext)
    pol, subj = textblob_scores(vtext)
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
                 char_max_features: int = 60000, mask_names: bool = True, random_state: int = 0) -> None:
        self.C = C
        self.mask_names = mask_names
        self.dense_scale = dense_scale
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.word_min_df = word_min_df
        self.char_min_df = char_min_df
        self.char_max_features = char_max_features
        self.random_state = random_state

    def get_params(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("C", "dense_scale", "word_ngrams", "char_ngrams", "word_min_df",
                                              "char_min_df", "char_max_features", "mask_names", "random_state")}

    # -- features
    def _views(self, rows: Sequence[SentenceRow]) -> list[View]:
        mask = getattr(self, "mask_names", False)
        return [masked_view(r, mask=mask) for r in rows]

    def _dense(self, rows: Sequence[SentenceRow], dense: np.ndarray | None = None,
               views: Sequence[View] | None = None) -> np.ndarray:
        if dense is None:
            views = views if views is not None else self._views(rows)
            dense = (np.vstack([dense_features(r, view=v) for r, v in zip(rows, views)]) if rows
                     else np.zeros((0, len(DENSE_NAMES))))
        return dense

    def _matrix(self, rows: Sequence[SentenceRow], dense: np.ndarray | None = None, views: Sequence[View] | None = None):
        from scipy import sparse

        views = views if views is not None else self._views(rows)
        texts = [v.text for v in views]
        d = (self._dense(rows, dense, views) - self.dense_mean_) / self.dense_std_ * self.dense_scale
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

    def __getstate__(self) -> dict:
        """Pickle without the per-process word caches (they are rebuilt on use)."""
        state = dict(self.__dict__)
        state.pop("_char_counts_cache", None)
        state.pop("_char_split_cache", None)
        return state

    def _word_char_split(self, word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """:meth:`_word_char_counts` as (columns, counts), cached in a dict the hot loops read directly."""
        cache = self.__dict__.setdefault("_char_split_cache", {})
        hit = cache.get(word)
        if hit is None:
            pairs = self._word_char_counts(word)
            hit = (tuple(c for c, _ in pairs), tuple(n for _, n in pairs))
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
        cache = self.__dict__.setdefault("_char_split_cache", {})
        get = cache.get
        cols: list[int] = []
        vals: list[int] = []
        word_rows: list[int] = []
        lens: list[int] = []
        for r, t in enumerate(texts):
            for w in t.lower().split():
                if w == _MASK_LOWER:
                    continue
                hit = get(w)
                if hit is None:
                    hit = self._word_char_split(w)
                cols.extend(hit[0])
                vals.extend(hit[1])
                word_rows.append(r)
                lens.append(len(hit[0]))
        rows = np.repeat(np.asarray(word_rows, dtype=np.int64), np.asarray(lens, dtype=np.int64))
        # COO -> CSR sums the counts of an n-gram over the words of a sentence
        X = sparse.coo_matrix((np.asarray(vals, dtype=float), (rows, np.asarray(cols, dtype=np.int64))),
                              shape=(len(texts), len(idf))).tocsr()
        X.sum_duplicates()
        X.sort_indices()
        X.data = (np.log(X.data) + 1.0) * idf[X.indices]
        return normalize(X, norm="l2", copy=False)

    def fit(self, rows: Sequence[SentenceRow], y: Sequence[int], *, dense: np.ndarray | None = None) -> "LoadedSentenceClassifier":
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        views = self._views(rows)
        texts = [v.text for v in views]
        self.word_vec_ = TfidfVectorizer(analyzer=WordNgrams(*self.word_ngrams), min_df=self.word_min_df, sublinear_tf=True)
        self.char_vec_ = TfidfVectorizer(analyzer="char_wb", ngram_range=self.char_ngrams, min_df=self.char_min_df,
                                         max_features=self.char_max_features, sublinear_tf=True, lowercase=True)
        Xw = self.word_vec_.fit_transform(texts)
        # char_wb works word by word: dropping the placeholder word drops exactly its n-grams
        Xc = self.char_vec_.fit_transform([t.replace(f" {MASK_PLACEHOLDER} ", " ") for t in texts])
        for vec in (self.word_vec_, self.char_vec_):  # not needed after fit; large in the pickle
            if hasattr(vec, "stop_words_"):
                vec.stop_words_ = None
        D = self._dense(rows, dense, views)
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

    def _char_contributions(self, rows: Sequence[SentenceRow], X, coef: np.ndarray, views: Sequence[View]):
        """Per word of every sentence: the sum of its character n-grams' contributions (``coef * x``), each
        n-gram's contribution shared evenly by the words of the sentence that contain it. Sparse algebra over
        a word x n-gram incidence matrix, so the cost does not grow with Python loops over n-grams."""
        from scipy import sparse

        n_word, n_char = self.n_word_, self.n_char_
        places: list[tuple[list[int], list[int]]] = []
        indptr = [0]
        indices: list[int] = []
        sent_of_word: list[int] = []
        split_get = self.__dict__.setdefault("_char_split_cache", {}).get
        for r, view in enumerate(views):
            starts, ends = [], []
            for m in re.finditer(r"\S+", view.text.lower()):
                if m.group() == _MASK_LOWER:
                    continue
                a, b = view.orig_span(m.start(), m.end())
                starts.append(a)
                ends.append(b)
                hit = split_get(m.group())
                indices.extend(hit[0] if hit is not None else self._word_char_split(m.group())[0])
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
        views = self._views(rows)
        X = self._matrix(rows, views=views)
        proba = self.lr_.predict_proba(X)[:, 1]
        coef = self.lr_.coef_[0]
        word_vocab = self.word_vec_.vocabulary_
        n_word, n_char = self.n_word_, self.n_char_
        lo_w, hi_w = self.word_ngrams
        word_places, word_char = self._char_contributions(rows, X, coef, views)
        out = []
        for r, row in enumerate(rows):
            lo_ptr, hi_ptr = X.indptr[r], X.indptr[r + 1]
            cols = X.indices[lo_ptr:hi_ptr]
            vals = coef[cols] * X.data[lo_ptr:hi_ptr]
            c_of = dict(zip(cols.tolist(), vals.tolist()))
            contrib: dict[tuple[int, int, str, str], float] = {}
            text = row.text
            view = views[r]
            # word n-grams: walk the view's tokens (the vectorizer's token pattern) and look their n-grams up; the
            # placeholder is in no n-gram of the vocabulary, so masked names contribute nothing
            if len(view.vstarts) == 1:
                toks = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text.lower())]
            else:
                toks = [(*(view.orig_span(m.start(), m.end()) if m.group() != _MASK_LOWER else (-1, -1)), m.group())
                        for m in _WORD_RE.finditer(view.text.lower())]
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
    return load_verified(_models_dir() / LOADED_ARTIFACT, loaded_card(), LoadedSentenceClassifier,
                         what="the loaded-language model", command="framing train loaded")


def load_verified(p: Path, card: Mapping[str, Any], cls: type, *, what: str, command: str):
    """``joblib.load`` of the artifact ``p`` after checking its sha256 against ``card`` (joblib files can run code
    when loaded: only artifacts this repo built are trusted) and that it is a ``cls``; ModelError otherwise."""
    import joblib

    if not p.is_file():
        raise ModelError(f"{p}: {what} is missing; rebuild it with `{command}`")
    digest = hashlib.sha256(p.read_bytes()).hexdigest()
    if digest != card.get("artifact_sha256"):
        raise ModelError(f"{p}: sha256 {digest[:12]} differs from the card's {str(card.get('artifact_sha256'))[:12]}; "
                         f"only artifacts built by `{command}` in this repo are loaded: rebuild it")
    model = joblib.load(p)
    if not isinstance(model, cls):
        raise ModelError(f"{p}: the file is not a {cls.__name__} object; rebuild it with `{command}`")
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
    from framing.evaluate import read_jsonl

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


def read_babe_groups(path: str | Path) -> list[str]:
    """The source-article group of every labelled row of a BABE file (same order as :func:`read_babe`): the
    ``news_link`` or, when missing, the whitespace-normalised text (the grouping the dataset README describes)."""
    from framing.evaluate import read_jsonl

    return [str(r.get("news_link") or " ".join(str(r["text"]).split()))
            for r in read_jsonl(path, required=("text", "label")) if r["label"] is not None]


def rows_for_texts(texts: Sequence[str]) -> list[SentenceRow]:
    """Parse free-standing sentences (one spaCy pass via :func:`framing.nlp.parse_many`) and attach lexicon hits."""
    from framing import loaded_language
    from framing.nlp import parse_many
    from framing.schema import Article

    rows: list[SentenceRow] = []
    batch = 256
    for i in range(0, len(texts), batch):
        chunk = texts[i : i + batch]
        arts = [Article(text=t, source="text") for t in chunk]
        for art, parsed in zip(arts, parse_many(arts, batch_size=64)):
            hits = loaded_language.hits_in(parsed, 0, len(parsed.text))
            rows.append(SentenceRow(parsed.text, tuple(Hit(h.start, h.end, h.category, h.strength, h.direction) for h in hits),
                                    tuple(mask_regions(parsed.doc, parsed.text))))
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
                   params: Mapping[str, Any] | None = None, groups: Sequence[str] | None = None) -> dict[str, Any]:
    """Stratified k-fold CV of the classifier and the three baselines (baseline thresholds chosen on each training fold).

    With ``groups`` (e.g. the source article of each sentence) the folds are
    stratified *and* grouped: no group is split between training and test
    folds (sentences of one article never on both sides)."""
    from sklearn.metrics import brier_score_loss, precision_score, recall_score
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    y = np.asarray(y, dtype=int)
    rows = list(rows)
    mask = bool(dict(params or {}).get("mask_names", True))
    dense = np.vstack([dense_features(r, mask=mask) for r in rows])
    base = baseline_scores(rows)
    oof = np.zeros(len(rows))
    per_fold: dict[str, list[float]] = {"model": [], "vader": [], "textblob": [], "lexicon": []}
    base_pred = {k: np.zeros(len(rows), dtype=int) for k in base}
    if groups is None:
        splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y)
    else:
        splits = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y, groups)
    for tr, te in splits:
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
        "grouped": groups is not None,
        "mask_names": mask,
        "model": {**summary("model", pred), "brier": float(brier_score_loss(y, oof)), "ece": expected_calibration_error(oof, y)},
        "baselines": {k: summary(k, base_pred[k]) for k in base},
    }


# --------------------------------------------------------------------------- training


DEFAULT_PARAMS: dict[str, Any] = {"C": 2.0, "dense_scale": 1.0, "mask_names": True}


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
    groups = read_babe_groups(path)
    rows = rows_for_texts(texts)
    return train_from_rows(rows, y, data_name=path.name, data_sha256=hashlib.sha256(raw).hexdigest(), out_dir=out_dir,
                           folds=folds, groups=groups)


def train_from_rows(rows: Sequence[SentenceRow], y: Sequence[int], *, data_name: str, data_sha256: str,
                    out_dir: str | Path | None = None, folds: int = 5, groups: Sequence[str] | None = None,
                    compare_unmasked: bool = True) -> dict[str, Any]:
    """The part of :func:`train_loaded` after parsing: cross-validate, fit, write artifact and card.

    The shipped model masks names (``mask_names=True``). The card reports its
    stratified CV (``cross_validation``), the same grouped by source article
    when ``groups`` is given (``cross_validation_grouped``), and, with
    ``compare_unmasked``, the same protocols for the otherwise identical model
    that sees names (``comparison_unmasked``), measured in the same run."""
    import joblib
    import scipy
    import sklearn
    import spacy

    from framing import __version__, lexicon
    from framing.nlp import pipeline_meta

    rows = list(rows)
    y = [int(v) for v in y]
    log.info("cross-validating")
    cv = cross_validate(rows, y, folds=folds, params=DEFAULT_PARAMS)
    cv_grouped = cross_validate(rows, y, folds=folds, params=DEFAULT_PARAMS, groups=groups) if groups is not None else None
    unmasked: dict[str, Any] | None = None
    if compare_unmasked:
        log.info("cross-validating the unmasked comparison model")
        p_un = {**DEFAULT_PARAMS, "mask_names": False}
        unmasked = {"cross_validation": cross_validate(rows, y, folds=folds, params=p_un)}
        if groups is not None:
            unmasked["cross_validation_grouped"] = cross_validate(rows, y, folds=folds, params=p_un, groups=groups)
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
        "cross_validation_grouped": cv_grouped,
        "comparison_unmasked": unmasked,
        "name_masking": {
            "placeholder": MASK_PLACEHOLDER,
            "entity_labels": list(MASK_ENT_LABELS),
            "rule": "entity tokens of those labels, proper nouns, and title-case adjectives/nouns not opening their "
                    "sentence are replaced (one placeholder per run, a preceding 'the' joined) in the text the word "
                    "and character n-grams, VADER and TextBlob see; n-grams containing the placeholder are dropped, "
                    "so a name contributes nothing and swapping names cannot change a score",
            "masked_share_of_training_rows": round(sum(bool(r.masked) for r in rows) / max(1, len(rows)), 4),
        },
        "threshold": 0.5,
        "baseline_thresholds": {k: best_threshold(v, y) for k, v in baseline_scores(rows).items()},
        "training_text_hashes": training_text_hashes([r.text for r in rows]),
        "limits": "US domestic news sentences (23 topics); probabilities are the logistic regression's own; see ece/brier. "
                  "Names are masked: a name the tagger misses (lower-case, untagged) is still seen.",
    }
    if unmasked:
        d = cv["model"]["macro_f1"] - unmasked["cross_validation"]["model"]["macro_f1"]
        note = f"Name masking changes the stratified CV macro-F1 by {d:+.3f}"
        if cv_grouped and unmasked.get("cross_validation_grouped"):
            note += f" and the article-grouped one by {cv_grouped['model']['macro_f1'] - unmasked['cross_validation_grouped']['model']['macro_f1']:+.3f}"
        card["masking_note"] = (note + ". The masked model is shipped whatever the difference: the instrument takes no "
                                "side, and a score that moves when an actor's name changes would take one.")
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
        "Even-handedness: names are masked. People, organisations, places, nationalities (spaCy entities "
        "PERSON/ORG/GPE/NORP/LOC/FAC), proper nouns and mid-sentence title-case adjectives/nouns are replaced by one "
        f"placeholder (`{MASK_PLACEHOLDER}`) in the text every feature sees; n-grams containing it are dropped. A "
        "name contributes nothing, so swapping actor names (Trump/Rouhani, United States/Iran) leaves the score "
        "unchanged whenever the tagger marks both names alike.",
        "",
        f"## {cv['folds']}-fold stratified cross-validation (seed {cv['seed']}, n = {cv['n']})",
        "",
        "| system | macro-F1 (mean ± sd over folds) | precision | recall |",
        "|---|---|---|---|",
        f"| this model | {cv['model']['macro_f1']:.3f} ± {cv['model']['macro_f1_std']:.3f} | {cv['model']['precision']:.3f} | {cv['model']['recall']:.3f} |",
    ]
    for k, v in cv["baselines"].items():
        lines.append(f"| baseline: {k} (threshold chosen on each training fold) | {v['macro_f1']:.3f} ± {v['macro_f1_std']:.3f} | {v['precision']:.3f} | {v['recall']:.3f} |")
    un = card.get("comparison_unmasked") or {}
    if un.get("cross_validation"):
        m = un["cross_validation"]["model"]
        lines.append(f"| comparison: same model without name masking (not shipped) | {m['macro_f1']:.3f} ± {m['macro_f1_std']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} |")
    g = card.get("cross_validation_grouped")
    if g:
        lines += [
            "",
            f"## {g['folds']}-fold cross-validation grouped by source article (stratified, seed {g['seed']})",
            "",
            "Sentences of one article never fall on both sides of a split (groups: `news_link`, else the text).",
            "",
            "| system | macro-F1 (mean ± sd over folds) | precision | recall |",
            "|---|---|---|---|",
            f"| this model | {g['model']['macro_f1']:.3f} ± {g['model']['macro_f1_std']:.3f} | {g['model']['precision']:.3f} | {g['model']['recall']:.3f} |",
        ]
        for k, v in g["baselines"].items():
            lines.append(f"| baseline: {k} | {v['macro_f1']:.3f} ± {v['macro_f1_std']:.3f} | {v['precision']:.3f} | {v['recall']:.3f} |")
        if un.get("cross_validation_grouped"):
            m = un["cross_validation_grouped"]["model"]
            lines.append(f"| comparison: without name masking (not shipped) | {m['macro_f1']:.3f} ± {m['macro_f1_std']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} |")
    if card.get("masking_note"):
        lines += ["", card["masking_note"]]
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
